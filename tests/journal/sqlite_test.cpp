// The journal suite on SQLite, plus what only a file database has: damaged files, unwritable
// paths, the default location.
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <unistd.h>

#include "journal_suite.hpp"

namespace speciosa::journal::testing {
namespace {

namespace fs = std::filesystem;

fs::path temp_dir() {
  static const fs::path root = [] {
    std::string pattern = (fs::temp_directory_path() / "speciosa-journal-XXXXXX").string();
    const char* made = mkdtemp(pattern.data());
    SPECIOSA_ASSERT(made != nullptr, "mkdtemp works in the temp directory");
    return fs::path(made);
  }();
  return root;
}

struct SqliteBackend {
  static std::string fresh_url() {
    static std::atomic<int> counter{0};
    return (temp_dir() / ("j" + std::to_string(counter++)) / "journal.db").string();
  }
};

INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, JournalSuite, SqliteBackend);

// Removes the temporary databases when the run ends.
class TempCleanup : public ::testing::Environment {
 public:
  void TearDown() override { fs::remove_all(temp_dir()); }
};
const auto* const kCleanup = ::testing::AddGlobalTestEnvironment(new TempCleanup);

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

TEST(SqliteJournal, DamagedFileGivesAClearErrorAndIsLeftAsItWas) {
  const std::string url = SqliteBackend::fresh_url();
  {
    auto store = open_journal(url).value();
    const PersonId who = store->add_person(make_person("Ana")).value();
    for (int i = 0; i < 200; ++i) store->add_entry(who, make_dose("2026-11-20 08:00", 1)).value();
  }
  // Overwrite the middle of the file (a table page) with garbage.
  std::string bytes = read_file(url);
  ASSERT_GT(bytes.size(), 8192u);
  for (std::size_t i = 4096 + 100; i < 8192; ++i) bytes[i] = static_cast<char>(i * 7);
  std::ofstream(url, std::ios::binary | std::ios::trunc) << bytes;
  fs::remove(url + "-wal");
  fs::remove(url + "-shm");

  auto store = open_journal(url);
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(store.error().where, "--db");
  EXPECT_NE(store.error().message.find("damaged and was left untouched"), std::string::npos)
      << store.error().to_string();
  EXPECT_EQ(read_file(url), bytes);
}

TEST(SqliteJournal, NotADatabaseIsRejectedAndLeftAlone) {
  const fs::path path = temp_dir() / "notes.txt";
  std::ofstream(path) << "these are my notes, not a database\n";
  const std::string before = read_file(path);
  auto store = open_journal(path.string());
  ASSERT_FALSE(store.has_value());
  EXPECT_NE(store.error().message.find("damaged"), std::string::npos);
  EXPECT_EQ(read_file(path), before);
}

TEST(SqliteJournal, UnwritablePathIsAUserErrorNamingTheOption) {
  const fs::path file = temp_dir() / "plain-file";
  std::ofstream(file) << "x";
  auto store = open_journal((file / "journal.db").string());
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(store.error().where, "--db");
  EXPECT_FALSE(store.error().accepted.empty());
}

TEST(SqliteJournal, DatabaseIsInWalModeWithForeignKeys) {
  const std::string url = SqliteBackend::fresh_url();
  auto db = open_connection(url).value();
  ASSERT_TRUE(migrate(*db, current_schema_version()));
  db->begin_read();
  EXPECT_EQ(std::get<std::string>(db->query("PRAGMA journal_mode", {}).at(0).at(0)), "wal");
  EXPECT_EQ(std::get<std::int64_t>(db->query("PRAGMA foreign_keys", {}).at(0).at(0)), 1);
  db->commit();
}

TEST(SqliteJournal, NewerSchemaIsRefused) {
  const std::string url = SqliteBackend::fresh_url();
  { ASSERT_TRUE(open_journal(url).has_value()); }
  {
    auto db = open_connection(url).value();
    db->exec_script("UPDATE schema_version SET version = 99");
  }
  auto store = open_journal(url);
  ASSERT_FALSE(store.has_value());
  EXPECT_NE(store.error().message.find("newer"), std::string::npos);
}

TEST(SqliteJournal, DefaultPathFollowsXdg) {
  ::setenv("XDG_DATA_HOME", "/tmp/xdg-data", 1);
  EXPECT_EQ(default_journal_path(), "/tmp/xdg-data/speciosa/journal.db");
  ::unsetenv("XDG_DATA_HOME");
  ::setenv("HOME", "/home/ana", 1);
  EXPECT_EQ(default_journal_path(), "/home/ana/.local/share/speciosa/journal.db");
}

}  // namespace
}  // namespace speciosa::journal::testing
