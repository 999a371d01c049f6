// SQLite backend: WAL, foreign keys, a busy timeout so concurrent writers queue, and an
// integrity check (read-only) before anything is written to an existing file.
#include <charconv>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <sqlite3.h>
#include <vector>

#include "connection.hpp"

namespace speciosa::journal {
namespace {

// Long enough for another process's write transaction (one entry, or an import) to finish.
constexpr int kBusyTimeoutMs = 30'000;

std::string with_sqlite_params(const std::string& sql) {
  // "$1" becomes "?1": SQLite numbers ?NNN parameters exactly as PostgreSQL numbers $N.
  std::string out = sql;
  for (std::size_t i = 0; i + 1 < out.size(); ++i) {
    if (out[i] == '$' && out[i + 1] >= '0' && out[i + 1] <= '9') out[i] = '?';
  }
  return out;
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Dialect dialect() const override { return Dialect::kSqlite; }
  void begin_write() override { exec_script("BEGIN IMMEDIATE"); }
  void begin_read() override { exec_script("BEGIN"); }
  void commit() override { exec_script("COMMIT"); }
  void rollback() override {
    if (!sqlite3_get_autocommit(db_)) exec_script("ROLLBACK");
  }

  // A checkpoint that also truncates the WAL, whose old frames still hold deleted rows.
  void flush_deleted() override {
    const auto rows = query("PRAGMA wal_checkpoint(TRUNCATE)", {});
    if (!rows.empty() && rows[0][0] != Value{std::int64_t{0}}) {
      throw DbError("another program is reading the journal, so its log was not emptied");
    }
  }

  void exec_script(const std::string& sql) override {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message != nullptr ? message : sqlite3_errmsg(db_);
      sqlite3_free(message);
      throw DbError(text);
    }
  }

  std::vector<Row> query(const std::string& sql, const std::vector<Value>& params) override {
    sqlite3_stmt* stmt = prepare(sql);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    for (std::size_t i = 0; i < params.size(); ++i) bind(stmt, static_cast<int>(i + 1), params[i]);
    std::vector<Row> rows;
    int rc = 0;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) rows.push_back(read_row(stmt));
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) throw DbError(sqlite3_errmsg(db_));
    return rows;
  }

 private:
  sqlite3_stmt* prepare(const std::string& sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    const std::string text = with_sqlite_params(sql);
    if (sqlite3_prepare_v2(db_, text.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      throw DbError(sqlite3_errmsg(db_));
    }
    statements_.emplace(sql, stmt);
    return stmt;
  }

  void bind(sqlite3_stmt* stmt, int index, const Value& v) {
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::monostate>(v)) rc = sqlite3_bind_null(stmt, index);
    if (const auto* i = std::get_if<std::int64_t>(&v)) rc = sqlite3_bind_int64(stmt, index, *i);
    if (const auto* d = std::get_if<double>(&v)) rc = sqlite3_bind_double(stmt, index, *d);
    if (const auto* s = std::get_if<std::string>(&v)) {
      rc = sqlite3_bind_text(stmt, index, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
    }
    if (rc != SQLITE_OK) throw DbError(sqlite3_errmsg(db_));
  }

  static Row read_row(sqlite3_stmt* stmt) {
    const int n = sqlite3_column_count(stmt);
    Row row;
    row.reserve(static_cast<std::size_t>(n));
    for (int c = 0; c < n; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER: row.emplace_back(std::int64_t{sqlite3_column_int64(stmt, c)}); break;
        case SQLITE_FLOAT: row.emplace_back(sqlite3_column_double(stmt, c)); break;
        case SQLITE_NULL: row.emplace_back(std::monostate{}); break;
        default:
          row.emplace_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, c)),
                                       static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
      }
    }
    return row;
  }

  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*, std::less<>> statements_;
};

// SQLite says "disk I/O error" when a full disk keeps it from creating its -wal and -shm files;
// name the cause the person can act on. 64 KiB: less than SQLite needs to open in WAL mode.
std::string naming_full_disk(const std::string& path, std::string why) {
  constexpr std::uintmax_t kTooLittleBytes = 64 * 1024;
  std::error_code ec;
  const auto dir = std::filesystem::absolute(path, ec).parent_path();
  const auto space = std::filesystem::space(dir, ec);
  if (!ec && space.available < kTooLittleBytes) why += " (the disk is full)";
  return why;
}

Error db_path_error(const std::string& path, const std::string& why) {
  return invalid_input("--db", "db",
                       fmt::format("cannot write the journal at '{}': {}", path, naming_full_disk(path, why)),
                       "a path to a file in a writable directory, or postgresql://...");
}

// What reading the whole file found: nothing, damage, or an error that says nothing about
// the file's health (locked by a writer past the timeout, unreadable).
struct FileCheck {
  bool damaged = false;
  std::optional<std::string> problem;
};

// Reads the whole file through SQLite without writing to it.
FileCheck check_file(const std::string& path) {
  sqlite3* db = nullptr;
  std::optional<std::string> problem;
  bool damaged = true;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    problem = sqlite3_errmsg(db);
  } else {
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    auto collect = [](void* out, int, char** values, char**) {
      auto* p = static_cast<std::optional<std::string>*>(out);
      const std::string line = values[0] != nullptr ? values[0] : "";
      if (line != "ok") *p = p->has_value() ? **p + "; " + line : line;
      return 0;
    };
    char* message = nullptr;
    if (sqlite3_exec(db, "PRAGMA integrity_check(5)", collect, &problem, &message) != SQLITE_OK) {
      const int code = sqlite3_errcode(db);
      damaged = code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
      problem = message != nullptr ? message : sqlite3_errmsg(db);
      sqlite3_free(message);
    }
  }
  sqlite3_close_v2(db);
  return FileCheck{damaged && problem.has_value(), problem};
}

// The -wal and -shm files SQLite keeps beside `path` that do not exist yet.
std::vector<std::filesystem::path> absent_sidecars(const std::string& path) {
  std::vector<std::filesystem::path> absent;
  for (const char* suffix : {"-wal", "-shm"}) {
    std::error_code ec;
    const std::filesystem::path sidecar(path + suffix);
    if (!std::filesystem::exists(sidecar, ec) && !ec) absent.push_back(sidecar);
  }
  return absent;
}

}  // namespace

Result<std::unique_ptr<Connection>> open_sqlite(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path file(path);
  if (file.has_parent_path()) fs::create_directories(file.parent_path(), ec);
  if (ec) return db_path_error(path, ec.message());
  if (fs::exists(file, ec) && fs::file_size(file, ec) > 0) {
    const std::vector<fs::path> sidecars = absent_sidecars(path);
    const FileCheck check = check_file(path);
    if (check.damaged) {
      // The check's read-only connection created them to read in WAL mode; a damaged file
      // is left exactly as it was found.
      for (const auto& created : sidecars) fs::remove(created, ec);
      // The file the user named is not a usable journal: their input, like a wrong path.
      return Error{ErrorCode::kInvalidInput, "--db", "db",
                   fmt::format("the journal '{}' is damaged and was left untouched: {}", path,
                               *check.problem),
                   "restore it from a backup or export, or use another --db"};
    }
    if (check.problem) {
      return Error{ErrorCode::kIo, "--db", "db",
                   fmt::format("cannot read the journal '{}': {}", path,
                               naming_full_disk(path, *check.problem)),
                   {}};
    }
  }
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    const std::string why = sqlite3_errmsg(db);
    sqlite3_close_v2(db);
    return db_path_error(path, why);
  }
  auto conn = std::make_unique<SqliteConnection>(db);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  try {
    // FULL: an acknowledged entry survives power loss too, not only a killed process.
    // secure_delete: deleted rows are overwritten with zeros, not left in free pages.
    conn->exec_script("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                      "PRAGMA secure_delete=ON;");
  } catch (const DbError& e) {
    return db_path_error(path, e.what());
  }
  return std::unique_ptr<Connection>(std::move(conn));
}

}  // namespace speciosa::journal
