import type Database from 'better-sqlite3';
import { generateToken } from './token.js';

/**
 * B2: gives user `id` a new random token, unique in the store, and returns it; the old one stops working because a
 * user has exactly one token row. Runs inside the caller's transaction.
 */
export function rotateToken(db: Database.Database, id: number, at: string): string {
  const taken = db.prepare<[string], { user_id: number }>('SELECT user_id FROM user_tokens WHERE token = ?');
  let token = generateToken();
  // 103 random bits make a collision practically impossible; the loop only keeps the UNIQUE key honest.
  while (taken.get(token) !== undefined) {
    token = generateToken();
  }
  db.prepare(
    'INSERT INTO user_tokens (user_id, token, created_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET token = excluded.token, created_at = excluded.created_at',
  ).run(id, token, at);
  return token;
}
