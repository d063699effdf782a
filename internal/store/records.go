package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/secexport/secexport/internal/model"
)

// RecordVersion returns the version of the record with key (0 when absent).
func (t *Tx) RecordVersion(key string) (int64, error) {
	var v int64
	err := t.queryRow(`SELECT version FROM records WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read record version: %w", err)
	}
	return v, nil
}

// Record reads a record and its version inside the transaction.
func (t *Tx) Record(key string) (model.Record, int64, error) {
	return scanRecord(t.queryRow(`SELECT key, kind, subscription, resource_group, state, version, body FROM records WHERE key = ?`, key))
}

// PutRecordIf writes rec as version expect+1 if the stored version is still
// expect (0: the record must not exist). It reports whether it wrote.
func (t *Tx) PutRecordIf(rec model.Record, expect int64) (bool, error) {
	var res interface{ RowsAffected() (int64, error) }
	var err error
	if expect == 0 {
		res, err = t.exec(`INSERT INTO records (key, kind, subscription, resource_group, state, version, body) VALUES (?, ?, ?, ?, ?, 1, ?)
			ON CONFLICT (key) DO NOTHING`, rec.Key, string(rec.Kind), rec.Subscription, rec.ResourceGroup, rec.State, pack(rec.Body))
	} else {
		res, err = t.exec(`UPDATE records SET kind = ?, subscription = ?, resource_group = ?, state = ?, version = ?, body = ?
			WHERE key = ? AND version = ?`, string(rec.Kind), rec.Subscription, rec.ResourceGroup, rec.State, expect+1, pack(rec.Body), rec.Key, expect)
	}
	if err != nil {
		return false, fmt.Errorf("write record: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// DeleteRecordIf deletes the record if its stored version is still expect.
func (t *Tx) DeleteRecordIf(key string, expect int64) (bool, error) {
	res, err := t.exec(`DELETE FROM records WHERE key = ? AND version = ?`, key, expect)
	if err != nil {
		return false, fmt.Errorf("delete record: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// PutRecord writes rec as version.
func (t *Tx) PutRecord(rec model.Record, version int64) error {
	_, err := t.exec(`INSERT INTO records (key, kind, subscription, resource_group, state, version, body) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, subscription = excluded.subscription, resource_group = excluded.resource_group,
		state = excluded.state, version = excluded.version, body = excluded.body`,
		rec.Key, string(rec.Kind), rec.Subscription, rec.ResourceGroup, rec.State, version, pack(rec.Body))
	if err != nil {
		return fmt.Errorf("write record: %w", err)
	}
	return nil
}

// DeleteRecord removes the record with key.
func (t *Tx) DeleteRecord(key string) error {
	if _, err := t.exec(`DELETE FROM records WHERE key = ?`, key); err != nil {
		return fmt.Errorf("delete record: %w", err)
	}
	return nil
}

type scanner interface{ Scan(...any) error }

func scanRecord(row scanner) (model.Record, int64, error) {
	var rec model.Record
	var kind string
	var version int64
	var body []byte
	err := row.Scan(&rec.Key, &kind, &rec.Subscription, &rec.ResourceGroup, &rec.State, &version, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Record{}, 0, ErrNotFound
	}
	if err != nil {
		return model.Record{}, 0, fmt.Errorf("read record: %w", err)
	}
	rec.Kind = model.Kind(kind)
	if rec.Body, err = unpack(body); err != nil {
		return model.Record{}, 0, fmt.Errorf("record %s: %w", rec.Key, err)
	}
	return rec, version, nil
}

// RecordsByKey reads the current versions of the records with the given keys;
// absent records are absent from the map.
func (s *Store) RecordsByKey(ctx context.Context, keys []string) (map[string]VersionedRecord, error) {
	out := make(map[string]VersionedRecord, len(keys))
	if len(keys) == 1 {
		rec, v, err := s.Record(ctx, keys[0])
		switch {
		case err == nil:
			out[rec.Key] = VersionedRecord{Record: rec, Version: v}
		case !errors.Is(err, ErrNotFound):
			return nil, err
		}
		return out, nil
	}
	const chunk = 500
	for lo := 0; lo < len(keys); lo += chunk {
		part := keys[lo:min(lo+chunk, len(keys))]
		args := make([]any, len(part))
		for i, k := range part {
			args[i] = k
		}
		rows, err := s.r.QueryContext(ctx, `SELECT key, kind, subscription, resource_group, state, version, body FROM records WHERE key IN (?`+
			strings.Repeat(",?", len(part)-1)+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("read records: %w", err)
		}
		for rows.Next() {
			rec, v, err := scanRecord(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out[rec.Key] = VersionedRecord{Record: rec, Version: v}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("read records: %w", err)
		}
	}
	return out, nil
}

// VersionedRecord is a record with its version.
type VersionedRecord struct {
	model.Record
	Version int64
}

const recordQuery = `SELECT key, kind, subscription, resource_group, state, version, body FROM records WHERE key = ?`

// Record reads the current version of a record.
func (s *Store) Record(ctx context.Context, key string) (model.Record, int64, error) {
	return scanRecord(s.recordStmt.QueryRowContext(ctx, key))
}

// RecordQuery selects records of one kind whose key starts with Prefix, in key
// order after After.
type RecordQuery struct {
	Kind   model.Kind
	Prefix string
	After  string
	Limit  int
	// Match, when set, filters the rows (for conditions not expressible as a prefix).
	Match func(model.Record) bool
}

// Records lists records. It returns up to q.Limit+1 records: a record past
// the limit says that another page follows.
func (s *Store) Records(ctx context.Context, q RecordQuery) ([]model.Record, error) {
	var out []model.Record
	after := q.After
	if after < q.Prefix {
		after = q.Prefix
	}
	for {
		rows, err := s.r.QueryContext(ctx, `SELECT key, kind, subscription, resource_group, state, version, body FROM records
			WHERE key > ? AND key < ? AND kind = ? ORDER BY key LIMIT ?`, after, q.Prefix+"\xff", string(q.Kind), q.Limit+1)
		if err != nil {
			return nil, fmt.Errorf("list records: %w", err)
		}
		n := 0
		for rows.Next() {
			n++
			rec, _, err := scanRecord(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			after = rec.Key
			if q.Match == nil || q.Match(rec) {
				out = append(out, rec)
			}
			if len(out) > q.Limit {
				break
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("list records: %w", err)
		}
		if len(out) > q.Limit || n <= q.Limit {
			break
		}
	}
	if len(out) > q.Limit {
		out = out[:q.Limit+1]
	}
	return out, nil
}

// InsertNewRecords inserts records that are expected not to exist yet (version
// 1), with multi-row statements, and reports which it inserted: a record that
// exists by now is left alone for the caller to handle. Keys must be unique.
func (t *Tx) InsertNewRecords(recs []model.Record) ([]bool, error) {
	inserted := make([]bool, len(recs))
	for lo := 0; lo < len(recs); lo += rowsPerStatement {
		chunk := recs[lo:min(lo+rowsPerStatement, len(recs))]
		q := `INSERT INTO records (key, kind, subscription, resource_group, state, version, body) VALUES (?, ?, ?, ?, ?, 1, ?)` +
			strings.Repeat(", (?, ?, ?, ?, ?, 1, ?)", len(chunk)-1) + ` ON CONFLICT (key) DO NOTHING RETURNING key`
		args := make([]any, 0, 6*len(chunk))
		for _, r := range chunk {
			args = append(args, r.Key, string(r.Kind), r.Subscription, r.ResourceGroup, r.State, pack(r.Body))
		}
		st, err := t.stmt(q)
		if err != nil {
			return nil, err
		}
		rows, err := st.QueryContext(t.ctx, args...)
		if err != nil {
			return nil, fmt.Errorf("insert records: %w", err)
		}
		got := make(map[string]bool, len(chunk))
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return nil, fmt.Errorf("insert records: %w", err)
			}
			got[k] = true
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("insert records: %w", err)
		}
		for i, r := range chunk {
			inserted[lo+i] = got[r.Key]
		}
	}
	return inserted, nil
}
