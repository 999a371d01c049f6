// The journal suite on PostgreSQL. scripts/pg-throwaway starts a private cluster and sets
// SPECIOSA_TEST_PG_URL; without it every test fails (never skips). Each test gets its own
// schema, selected through the URL's search_path option.
#include <atomic>
#include <cstdlib>
#include <unistd.h>

#include "journal_suite.hpp"

namespace speciosa::journal::testing {
namespace {

std::string base_url() {
  const char* url = std::getenv("SPECIOSA_TEST_PG_URL");
  return url != nullptr ? url : "";
}

struct PostgresBackend {
  static std::string fresh_url() {
    static std::atomic<int> counter{0};
    const std::string base = base_url();
    if (base.empty()) {
      ADD_FAILURE() << "SPECIOSA_TEST_PG_URL is not set: run this test through scripts/pg-throwaway";
      return "postgresql://nowhere.invalid/none";
    }
    const std::string schema = "t" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    auto admin = open_connection(base);
    if (!admin) {
      ADD_FAILURE() << admin.error().to_string();
      return base;
    }
    (*admin)->exec_script("CREATE SCHEMA " + schema);
    return base + (base.find('?') == std::string::npos ? "?" : "&") +
           "options=-csearch_path%3D" + schema;
  }
};

INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, JournalSuite, PostgresBackend);

TEST(PostgresJournal, UnreachableServerIsAClearError) {
  auto store = open_journal("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2");
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().where, "--db");
  EXPECT_NE(store.error().message.find("cannot connect to PostgreSQL"), std::string::npos);
}

}  // namespace
}  // namespace speciosa::journal::testing
