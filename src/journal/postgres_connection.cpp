// PostgreSQL backend through libpqxx. Parameters are sent as text and typed by the server
// from the statement; results are typed from the column's type OID.
#include <charconv>
#include <fmt/format.h>
#include <pqxx/pqxx>

#include "connection.hpp"

namespace speciosa::journal {
namespace {

// Type OIDs from PostgreSQL's pg_type.h (stable across versions).
constexpr pqxx::oid kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701;

std::string to_text(double d) {
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, d);  // shortest round-trip form
  return std::string(buf, res.ptr);
}

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(const std::string& url) : conn_(url) {}

  Dialect dialect() const override { return Dialect::kPostgres; }
  void begin_write() override { begin(); }
  void begin_read() override { begin(); }
  void commit() override {
    try {
      txn_->commit();
    } catch (const std::exception& e) {
      txn_.reset();
      throw DbError(e.what());
    }
    txn_.reset();
  }
  void rollback() override {
    if (txn_) txn_->abort();
    txn_.reset();
  }

  // Deleted rows are unreachable once committed; autovacuum reclaims their space. Erasing the
  // bytes from the data files is the administrator's VACUUM FULL (docs/journal_schema.md).
  void flush_deleted() override {}

  void exec_script(const std::string& sql) override {
    try {
      if (txn_) {
        txn_->exec(sql);
      } else {
        pqxx::nontransaction tx(conn_);
        tx.exec(sql);
      }
    } catch (const std::exception& e) {
      throw DbError(e.what());
    }
  }

  std::vector<Row> query(const std::string& sql, const std::vector<Value>& params) override {
    SPECIOSA_ASSERT(txn_ != nullptr, "PostgreSQL queries run inside a transaction");
    std::vector<std::string> text(params.size());
    std::vector<const char*> args(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (std::holds_alternative<std::monostate>(params[i])) continue;
      if (const auto* v = std::get_if<std::int64_t>(&params[i])) text[i] = std::to_string(*v);
      if (const auto* v = std::get_if<double>(&params[i])) text[i] = to_text(*v);
      if (const auto* v = std::get_if<std::string>(&params[i])) text[i] = *v;
      args[i] = text[i].c_str();
    }
    pqxx::result result;
    try {
      result = txn_->exec_params(sql, pqxx::prepare::make_dynamic_params(args));
    } catch (const std::exception& e) {
      throw DbError(e.what());
    }
    std::vector<Row> rows;
    rows.reserve(result.size());
    for (const auto& r : result) rows.push_back(read_row(r));
    return rows;
  }

 private:
  void begin() {
    try {
      txn_ = std::make_unique<pqxx::work>(conn_);
    } catch (const std::exception& e) {
      throw DbError(e.what());
    }
  }

  static Row read_row(const pqxx::row& r) {
    Row row;
    row.reserve(r.size());
    for (const auto& f : r) {
      if (f.is_null()) {
        row.emplace_back(std::monostate{});
        continue;
      }
      const pqxx::oid type = f.type();
      if (type == kInt8 || type == kInt4 || type == kInt2) {
        row.emplace_back(f.as<std::int64_t>());
      } else if (type == kFloat8 || type == kFloat4) {
        row.emplace_back(f.as<double>());
      } else {
        row.emplace_back(std::string(f.c_str(), f.size()));
      }
    }
    return row;
  }

  pqxx::connection conn_;
  std::unique_ptr<pqxx::work> txn_;
};

}  // namespace

Result<std::unique_ptr<Connection>> open_postgres(const std::string& url) {
  try {
    return std::unique_ptr<Connection>(std::make_unique<PostgresConnection>(url));
  } catch (const std::exception& e) {
    return Error{ErrorCode::kIo, "--db", "db",
                 fmt::format("cannot connect to PostgreSQL: {}", e.what()),
                 "a reachable postgresql://user@host:port/database URL"};
  }
}

}  // namespace speciosa::journal
