// The store's callers speak its connection and error types (PGPool,
// PGConnection, StoreError, SQL) without depending on libpq themselves.
@_exported import AnpeiPostgres
