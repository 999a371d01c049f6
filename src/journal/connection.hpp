// Private: the small SQL surface the store needs, implemented once per backend. SQL text is
// shared between backends; parameters are written $1, $2, ... in both.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "speciosa/journal.hpp"

namespace speciosa::journal {

/// NULL, integer, real or text, as both backends return them.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;
using Row = std::vector<Value>;

/// A failure inside the database driver. Thrown only inside src/journal; the store turns it
/// into an Error at its public boundary.
struct DbError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class Dialect { kSqlite, kPostgres };

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  /// Starts a transaction that takes the write lock now (SQLite BEGIN IMMEDIATE), so two
  /// writers queue instead of failing half way.
  virtual void begin_write() = 0;
  virtual void begin_read() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  virtual std::vector<Row> query(const std::string& sql, const std::vector<Value>& params) = 0;
  /// Several statements without parameters (migrations).
  virtual void exec_script(const std::string& sql) = 0;
  /// After a deletion has committed: pushes the overwritten pages out of any log kept beside
  /// the database, so deleted content survives nowhere the backend controls.
  virtual void flush_deleted() = 0;
};

/// Opens a SQLite file (creating it and its directory); checks integrity before changing it.
Result<std::unique_ptr<Connection>> open_sqlite(const std::string& path);
Result<std::unique_ptr<Connection>> open_postgres(const std::string& url);

/// Ordered migrations; migration i (1-based) brings the schema to version i.
std::vector<std::string> migrations(Dialect dialect);

/// Applies migrations up to `target` (tests use this to build old schemas). Creates the
/// schema_version table when missing. Rejects a database newer than this build.
Status migrate(Connection& db, int target);

/// Wraps an open connection as a store (after migrating it to the current version).
Result<std::unique_ptr<JournalStore>> make_sql_store(std::unique_ptr<Connection> db);

/// Opens a connection for `url` without migrating (tests use it to build old schemas).
Result<std::unique_ptr<Connection>> open_connection(std::string_view url);

}  // namespace speciosa::journal
