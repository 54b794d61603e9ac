# Parley: the frontend is built with Node, then served with the backend by uvicorn.
FROM node:20-bookworm-slim AS frontend
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM python:3.11-slim-bookworm AS app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /srv/parley
COPY backend/requirements.txt backend/requirements.txt
RUN pip install -r backend/requirements.txt
COPY backend/ backend/
COPY db/ db/
COPY --from=frontend /src/frontend/dist frontend/dist
RUN useradd --system --uid 10001 parley
USER parley
ENV HOST=0.0.0.0 PORT=8000
EXPOSE 8000
WORKDIR /srv/parley/backend
# Migrations are idempotent: every replica applies what is missing (yoyo takes a lock), then serves.
CMD ["sh", "-c", "python -m app.manage create-db && python -m app.manage migrate && exec python -m app.serve"]
