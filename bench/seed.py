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
INSERT INTO chats (id, customer_id, admin_id, created_at, updated_at)
SELECT seq,
       seq + %(admins)s,
       CASE WHEN seq <= %(live)s THEN 1 + (seq - 1) DIV %(per_admin)s
            WHEN seq %% 2 = 0 THEN NULL
            ELSE 1 + (seq DIV 2) %% %(admins)s END,
       UTC_TIMESTAMP(6) - INTERVAL 30 DAY,
       UTC_TIMESTAMP(6) - INTERVAL 30 DAY
FROM seq_1_to_{chats}
"""

# Live history: customer and admin take turns; bodies are ordinary chat-sized text.
LIVE_MESSAGES_SQL = """
INSERT INTO messages (id, chat_id, sender_id, body, client_msg_id, created_at)
SELECT seq,
       1 + (seq - 1) %% %(live)s,
       IF(((seq - 1) DIV %(live)s) %% 2 = 0,
          1 + (seq - 1) %% %(live)s + %(admins)s,
          1 + ((seq - 1) %% %(live)s) DIV %(per_admin)s),
       CONCAT('Hello, this is seeded message number ', seq, ' of the benchmark history.'),
       CONCAT('seed-', seq),
       UTC_TIMESTAMP(6) - INTERVAL (%(total)s - seq) SECOND
FROM seq_1_to_{count}
"""

BACKGROUND_MESSAGES_SQL = """
INSERT INTO messages (id, chat_id, sender_id, body, client_msg_id, created_at)
SELECT %(base)s + seq,
       %(live)s + seq,
       %(live)s + seq + %(admins)s,
       CONCAT('I have a question about my order ', seq, '.'),
       NULL,
       UTC_TIMESTAMP(6) - INTERVAL (%(total)s - %(base)s - seq) SECOND
FROM seq_1_to_{count}
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
        cur.execute(LIVE_MESSAGES_SQL.format(count=int(live_count)), params)
        if background:
            cur.execute(BACKGROUND_MESSAGES_SQL.format(count=int(background)), params)
        cur.execute(CHAT_MARKS_SQL, params)
        cur.execute("ANALYZE TABLE users, chats, messages")
        cur.fetchall()
    conn.commit()
    return SeedResult(users, chats, total, time.perf_counter() - t0)
