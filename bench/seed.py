"""Bulk seeding of the benchmark database: set-based INSERT ... SELECT over MariaDB's sequence
engine (`seq_1_to_N`), so a million messages take seconds, never one statement per row.

Layout (ids are deterministic because the database is created fresh for every run):
  users    1..ADMINS                  admins (admin1..admin10)
           ADMINS+1..ADMINS+chats     customers, one per chat (customer k owns chat k)
  chats    1..LIVE (1,000)            the live chats of scenarios 2/3/5: admin 1 + (k-1) // 100
           LIVE+1..chats              background chats for the chat list: even ids waiting,
                                      odd ids assigned round-robin to the ten admins
  messages 1..LIVE*per_live           the live chats' history, interleaved across chats (as real
                                      traffic is): message s belongs to chat 1 + (s-1) % LIVE
           then one message per background chat
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pymysql

ADMINS = 10
LIVE = 1000
CHATS_PER_ADMIN = LIVE // ADMINS

SESSION_SQL = [
    "SET SESSION foreign_key_checks = 0",
    "SET SESSION unique_checks = 0",
    "SET SESSION time_zone = '+00:00'",
]

USERS_SQL = """
INSERT INTO users (id, username, password_hash, display_name, role, is_guest, created_at)
SELECT seq,
       IF(seq <= %(admins)s, CONCAT('admin', seq), CONCAT('customer', seq)),
       NULL,
       IF(seq <= %(admins)s, CONCAT('Admin ', seq), CONCAT('Visitor ', seq)),
       IF(seq <= %(admins)s, 'admin', 'customer'),
       0,
       UTC_TIMESTAMP(6) - INTERVAL 30 DAY
FROM seq_1_to_{users}
"""

CHATS_SQL = """
INSERT INTO chats (id, customer_id, admin_id, status, created_at, updated_at)
SELECT seq,
       seq + %(admins)s,
       CASE WHEN seq <= %(live)s THEN 1 + (seq - 1) DIV %(per_admin)s
            WHEN seq %% 2 = 0 THEN NULL
            ELSE 1 + (seq DIV 2) %% %(admins)s END,
       -- Every other assigned background chat is resolved: the Resolved list has pages too.
       CASE WHEN seq <= %(live)s THEN 'active'
            WHEN seq %% 2 = 0 THEN 'waiting'
            WHEN seq %% 4 = 1 THEN 'resolved'
            ELSE 'active' END,
       UTC_TIMESTAMP(6) - INTERVAL 30 DAY,
       UTC_TIMESTAMP(6) - INTERVAL 30 DAY
FROM seq_1_to_{chats}
"""

# Support-chat words, most frequent first. A message is eight of them, each drawn by a squared
# uniform (a Zipf-like skew: "the" is in about half the messages, "order" in a fifth, the last
# words in about 1 %), and every 97th message also carries one of 200 rare words (about 50
# messages each in the FULL profile), so that search meets common and rare words alike.
COMMON_WORDS = """
the you order help please thanks can have when delivery will your what with about
this that for not payment account refund return price store item shipping today
package address card email support time week problem question answer status track
tracking number discount code coupon size colour color product stock available
cancel change update login password reset link page website app phone call back
still waiting minutes hours days yesterday tomorrow morning evening message chat
agent manager team service quality broken damaged missing wrong replace exchange
invoice receipt bill charge charged twice bank transfer paypal cash courier post
office pickup point city street house apartment floor door office warehouse
заказ доставка оплата возврат спасибо пожалуйста помогите здравствуйте товар
размер цвет карта адрес курьер магазин скидка промокод неделя сегодня завтра
вчера минута ответ вопрос проблема ошибка счёт чек деньги посылка отправка
""".split()
RARE_WORDS = [
    a + b
    for a in (
        "zircon",
        "quokka",
        "fjord",
        "sphinx",
        "yacht",
        "glyph",
        "nymph",
        "crypt",
        "jinx",
        "waltz",
    )
    for b in ("ia", "ora", "ex", "um", "ith", "ane", "oid", "ule", "ax", "is")
    + ("en", "ar", "ot", "el", "yn", "ik", "ov", "ur", "am", "esk")
]


def _literal(word: str) -> str:
    # The words are this module's constants (letters only), never input.
    assert word.isalpha(), word
    return "'" + word + "'"


def _draw(hash_column: str, k: int) -> str:
    """A uniform in [0, 1) from the k-th 8 hex digits of an MD5: deterministic per message."""
    return f"(CONV(SUBSTR({hash_column}, {1 + 8 * k}, 8), 16, 10) / 4294967296)"


_COMMON = ", ".join(_literal(w) for w in COMMON_WORDS)
_RARE = ", ".join(_literal(w) for w in RARE_WORDS)
BODY_SQL = (
    "CONCAT_WS(' ', "
    + ", ".join(
        f"ELT(1 + FLOOR({len(COMMON_WORDS)} * POW({_draw('h.a' if k < 4 else 'h.b', k % 4)}, 2)), "
        f"{_COMMON})"
        for k in range(8)
    )
    + f", IF(h.seq %% 97 = 0, ELT(1 + FLOOR({len(RARE_WORDS)} * {_draw('h.b', 3)}), "
    + f"{_RARE}), NULL))"
)

# Live history: customer and admin take turns; bodies are ordinary chat-sized text.
LIVE_MESSAGES_SQL = """
INSERT INTO messages (id, chat_id, sender_id, body, client_msg_id, created_at)
SELECT seq,
       1 + (seq - 1) %% %(live)s,
       IF(((seq - 1) DIV %(live)s) %% 2 = 0,
          1 + (seq - 1) %% %(live)s + %(admins)s,
          1 + ((seq - 1) %% %(live)s) DIV %(per_admin)s),
       {body},
       CONCAT('seed-', seq),
       UTC_TIMESTAMP(6) - INTERVAL (%(total)s - seq) SECOND
FROM (SELECT seq, MD5(seq) AS a, MD5(CONCAT(seq, 'x')) AS b FROM seq_1_to_{count}) h
"""

BACKGROUND_MESSAGES_SQL = """
INSERT INTO messages (id, chat_id, sender_id, body, client_msg_id, created_at)
SELECT %(base)s + seq,
       %(live)s + seq,
       %(live)s + seq + %(admins)s,
       {body},
       NULL,
       UTC_TIMESTAMP(6) - INTERVAL (%(total)s - %(base)s - seq) SECOND
FROM (SELECT seq, MD5(seq + %(base)s) AS a, MD5(CONCAT(seq + %(base)s, 'x')) AS b
      FROM seq_1_to_{count}) h
"""

# Each chat's newest message is known arithmetically from the layout above.
CHAT_MARKS_SQL = """
UPDATE chats
SET last_message_id = IF(id <= %(live)s, (%(per_live)s - 1) * %(live)s + id,
                         %(base)s + id - %(live)s),
    customer_last_read_id = IF(id <= %(live)s, (%(per_live)s - 1) * %(live)s + id,
                               %(base)s + id - %(live)s),
    admin_last_read_id = IF(id <= %(live)s, (%(per_live)s - 2) * %(live)s + id, 0),
    admin_unread = 1,
    updated_at = UTC_TIMESTAMP(6) - INTERVAL id SECOND
"""


# What the send and resolve transactions record for reports (db/migrations/0025 and 0027 say the
# same for rows that predate them): each chat's first customer message and first admin text
# message, each resolution, and the report buckets per quarter hour and sender.
REPORT_SQL = [
    "UPDATE chats SET resolved_at = updated_at, resolutions = 1 WHERE status = 'resolved'",
    # The layout above names each chat's first customer message (live chat k: message k; a
    # background chat: its only message) and first admin message (live chat k: message LIVE + k),
    # so these are primary-key lookups per chat; grouping a million messages by chat and joining
    # them back ran for more than 13 minutes on the FULL profile.
    """
INSERT INTO chat_events (chat_id, kind, admin_id, at, seconds)
SELECT c.id, 'first_customer_message', NULL, m.created_at, NULL
FROM chats c JOIN messages m ON m.id = IF(c.id <= %(live)s, c.id, %(base)s + c.id - %(live)s)
""",
    """
INSERT INTO chat_events (chat_id, kind, admin_id, at, seconds)
SELECT c.id, 'first_response', m.sender_id, m.created_at,
       TIMESTAMPDIFF(MICROSECOND, f.created_at, m.created_at) / 1000000
FROM chats c JOIN messages f ON f.id = c.id JOIN messages m ON m.id = %(live)s + c.id
WHERE c.id <= %(live)s
""",
    """
UPDATE chats c JOIN chat_events e ON e.chat_id = c.id AND e.kind = 'first_response'
SET c.first_response_at = e.at
""",
    """
INSERT INTO chat_events (chat_id, kind, admin_id, at, seconds)
SELECT c.id, 'resolved', c.admin_id, c.resolved_at,
       GREATEST(0, TIMESTAMPDIFF(MICROSECOND, s.at, c.resolved_at) / 1000000)
FROM chats c JOIN chat_events s ON s.chat_id = c.id AND s.kind = 'first_customer_message'
WHERE c.resolved_at IS NOT NULL
""",
    """
INSERT INTO report_buckets (bucket, admin_id, messages)
SELECT TIMESTAMPADD(MINUTE, (TIMESTAMPDIFF(MINUTE, '2000-01-01', m.created_at) DIV 15) * 15,
                    TIMESTAMP'2000-01-01 00:00:00') AS b,
       IF(m.sender_id = c.customer_id, 0, m.sender_id) AS who, COUNT(*)
FROM messages m JOIN chats c ON c.id = m.chat_id
GROUP BY b, who
""",
    """
INSERT INTO report_buckets (bucket, admin_id, chats_started, chats_resolved)
SELECT TIMESTAMPADD(MINUTE, (TIMESTAMPDIFF(MINUTE, '2000-01-01', e.at) DIV 15) * 15,
                    TIMESTAMP'2000-01-01 00:00:00') AS b,
       IF(e.kind = 'resolved', COALESCE(e.admin_id, 0), 0) AS who,
       SUM(e.kind = 'first_customer_message'), SUM(e.kind = 'resolved')
FROM chat_events e WHERE e.kind IN ('first_customer_message', 'resolved')
GROUP BY b, who
ON DUPLICATE KEY UPDATE chats_started = VALUES(chats_started),
                        chats_resolved = VALUES(chats_resolved)
""",
    # A rating on every other resolved chat: 1 to 5 round-robin.
    """
INSERT INTO chat_ratings (chat_id, resolution, admin_id, score, comment, created_at)
SELECT id, 1, admin_id, 1 + id %% 5, NULL, resolved_at
FROM chats WHERE status = 'resolved' AND id %% 8 = 1
""",
]


@dataclass
class SeedResult:
    users: int
    chats: int
    messages: int
    seconds: float


def seed(conn: pymysql.Connection, *, chats: int, per_live: int) -> SeedResult:
    """Fill an empty, migrated database. `chats` >= LIVE; `per_live` messages per live chat."""
    assert chats >= LIVE and per_live >= 2
    t0 = time.perf_counter()
    users = ADMINS + chats
    live_count = LIVE * per_live
    background = chats - LIVE
    total = live_count + background
    params = {
        "admins": ADMINS,
        "live": LIVE,
        "per_admin": CHATS_PER_ADMIN,
        "per_live": per_live,
        "base": live_count,
        "total": total,
    }
    with conn.cursor() as cur:
        for stmt in SESSION_SQL:
            cur.execute(stmt)
        # Sizes are integers computed here, never user input: they name a sequence table.
        cur.execute(USERS_SQL.format(users=int(users)), params)
        cur.execute(CHATS_SQL.format(chats=int(chats)), params)
        cur.execute(LIVE_MESSAGES_SQL.format(count=int(live_count), body=BODY_SQL), params)
        if background:
            cur.execute(
                BACKGROUND_MESSAGES_SQL.format(count=int(background), body=BODY_SQL), params
            )
        cur.execute(CHAT_MARKS_SQL, params)
        for stmt in REPORT_SQL:
            cur.execute(stmt, params)
        cur.execute("ANALYZE TABLE users, chats, messages, chat_events, report_buckets")
        cur.fetchall()
        # Whatever search tables the migrations made (an A/B run may serve an older backend).
        cur.execute("SHOW TABLES LIKE 'message\\_search\\_%'")
        for (table,) in cur.fetchall():
            cur.execute(f"ANALYZE TABLE `{table}`")
            cur.fetchall()
    conn.commit()
    return SeedResult(users, chats, total, time.perf_counter() - t0)
