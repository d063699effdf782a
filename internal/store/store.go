package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

// ErrNotFound is returned when a keyed item does not exist.
var ErrNotFound = errors.New("not found")

// Store is the embedded store. Reads run concurrently on a pool of read-only
// connections; writes are serialised through one committer.
type Store struct {
	r        *sql.DB
	w        *sql.DB
	tenantID string

	// Hot read statements, prepared once (database/sql prepares them per connection).
	pendingStmt, recordStmt *sql.Stmt

	ckpt *sql.DB // a connection of its own for background checkpoints

	queue chan *write
	done  chan struct{}
	wg    sync.WaitGroup
}

type write struct {
	fn  func(*Tx) error
	err chan error
}

// maxGroup bounds how many queued writes share one transaction.
const maxGroup = 512

// Open opens (creating if needed) the store in dir.
func Open(ctx context.Context, dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	path := filepath.Join(dir, "secexport.db")
	w, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_synchronous=FULL&_busy_timeout=10000&_txlock=immediate&_foreign_keys=off")
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxLifetime(0)
	// A large page cache and memory-mapped reads keep random-key upserts of
	// posture records off the disk. Checkpoints run in the background (see
	// checkpointLoop), not inside the commits of writers.
	if _, err := w.ExecContext(ctx, `PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456; PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864; PRAGMA temp_store = MEMORY`); err != nil {
		w.Close()
		return nil, fmt.Errorf("configure store: %w", err)
	}
	if _, err := w.ExecContext(ctx, schema); err != nil {
		w.Close()
		return nil, fmt.Errorf("create schema in %s: %w", path, err)
	}
	r, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&_journal_mode=WAL&_busy_timeout=10000&_query_only=true&_cache_size=-8192")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open store for reading: %w", err)
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	s := &Store{r: r, w: w, queue: make(chan *write, 4096), done: make(chan struct{})}
	if s.tenantID, err = s.ensureTenant(ctx); err != nil {
		s.r.Close()
		s.w.Close()
		return nil, err
	}
	if s.pendingStmt, err = r.PrepareContext(ctx, pendingQuery); err == nil {
		s.recordStmt, err = r.PrepareContext(ctx, recordQuery)
	}
	if err != nil {
		s.r.Close()
		s.w.Close()
		return nil, fmt.Errorf("prepare reads: %w", err)
	}
	if s.ckpt, err = sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_busy_timeout=10000"); err != nil {
		s.r.Close()
		s.w.Close()
		return nil, fmt.Errorf("open store for checkpoints: %w", err)
	}
	s.ckpt.SetMaxOpenConns(1)
	s.wg.Add(2)
	go s.commitLoop()
	go s.checkpointLoop()
	return s, nil
}

// TenantID is the tenant this store's data belongs to, generated on first start.
func (s *Store) TenantID() string { return s.tenantID }

func (s *Store) ensureTenant(ctx context.Context) (string, error) {
	var id string
	err := s.w.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'tenant_id'`).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("read tenant id: %w", err)
	}
	id = NewID()
	if _, err := s.w.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('tenant_id', ?)`, id); err != nil {
		return "", fmt.Errorf("store tenant id: %w", err)
	}
	return id, nil
}

// Close stops the committer after the queued writes and closes the database.
func (s *Store) Close() error {
	close(s.done)
	s.wg.Wait()
	s.pendingStmt.Close()
	s.recordStmt.Close()
	return errors.Join(s.r.Close(), s.ckpt.Close(), s.w.Close())
}

// Write runs fn in a transaction shared with other concurrent writes and returns
// once the transaction is durable. fn runs in its own savepoint: when it returns
// an error, its changes alone are rolled back and the error is returned.
// fn must not block on anything but the transaction.
func (s *Store) Write(ctx context.Context, fn func(*Tx) error) error {
	wr := &write{fn: fn, err: make(chan error, 1)}
	select {
	case s.queue <- wr:
	case <-ctx.Done():
		return ctx.Err()
	case <-s.done:
		return errors.New("store is closed")
	}
	// Once queued, the write is committed or not regardless of ctx: wait for it,
	// so that an acknowledged write is never reported as failed.
	return <-wr.err
}

func (s *Store) commitLoop() {
	defer s.wg.Done()
	batch := make([]*write, 0, maxGroup)
	for {
		batch = batch[:0]
		select {
		case wr := <-s.queue:
			batch = append(batch, wr)
		case <-s.done:
			s.drain()
			return
		}
	fill:
		for len(batch) < maxGroup {
			select {
			case wr := <-s.queue:
				batch = append(batch, wr)
			default:
				break fill
			}
		}
		s.commit(batch)
	}
}

// checkpointLoop copies the WAL back into the database in the background, so
// that no writer's commit pays for it.
func (s *Store) checkpointLoop() {
	defer s.wg.Done()
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-t.C:
		}
		// PASSIVE never blocks writers; once a checkpoint has caught up, the
		// next commit starts the WAL over, and journal_size_limit trims it.
		// Busy is normal under load: the next round tries again.
		s.ckpt.Exec("PRAGMA wal_checkpoint(PASSIVE)")
	}
}

// drain commits what was queued before Close.
func (s *Store) drain() {
	for {
		select {
		case wr := <-s.queue:
			s.commit([]*write{wr})
		default:
			return
		}
	}
}

func (s *Store) commit(batch []*write) {
	ctx := context.Background()
	results := make([]error, len(batch))
	err := func() error {
		tx, err := s.w.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("begin: %w", err)
		}
		t := &Tx{tx: tx, ctx: ctx, stmts: map[string]*sql.Stmt{}}
		for i, wr := range batch {
			results[i] = t.savepoint(wr.fn)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("commit: %w", err)
		}
		return nil
	}()
	for i, wr := range batch {
		if err != nil {
			wr.err <- err
			continue
		}
		wr.err <- results[i]
	}
}

// NewID returns a random UUID (version 4) string.
func NewID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("crypto/rand: " + err.Error())
	}
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	const hex = "0123456789abcdef"
	out := make([]byte, 36)
	j := 0
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out[j] = '-'
			j++
		}
		out[j], out[j+1] = hex[c>>4], hex[c&0x0f]
		j += 2
	}
	return string(out)
}

// Tx is a write transaction handed to a Write function.
type Tx struct {
	tx    *sql.Tx
	ctx   context.Context
	sp    int
	stmts map[string]*sql.Stmt
}

// stmt returns query prepared once per transaction (a group of writes).
func (t *Tx) stmt(query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	st, err := t.tx.PrepareContext(t.ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	t.stmts[query] = st
	return st, nil
}

func (t *Tx) savepoint(fn func(*Tx) error) (err error) {
	t.sp++
	name := "sp" + strconv.Itoa(t.sp)
	if _, err := t.tx.ExecContext(t.ctx, "SAVEPOINT "+name); err != nil {
		return fmt.Errorf("savepoint: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("write panicked: %v", p)
		}
		if err != nil {
			if _, rerr := t.tx.ExecContext(t.ctx, "ROLLBACK TO "+name); rerr != nil {
				err = errors.Join(err, rerr)
			}
		}
		if _, rerr := t.tx.ExecContext(t.ctx, "RELEASE "+name); rerr != nil && err == nil {
			err = rerr
		}
	}()
	return fn(t)
}

func (t *Tx) exec(query string, args ...any) (sql.Result, error) {
	st, err := t.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(t.ctx, args...)
}

func (t *Tx) queryRow(query string, args ...any) *sql.Row {
	st, err := t.stmt(query)
	if err != nil {
		// A failed prepare surfaces as the row's error through a plain query.
		return t.tx.QueryRowContext(t.ctx, query, args...)
	}
	return st.QueryRowContext(t.ctx, args...)
}
