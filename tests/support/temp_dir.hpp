// A temporary directory removed at scope exit, and a copy of the knowledge base to mutate.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace speciosa::testing {

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("speciosa-test-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_file(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p) << text;
}

/// Copies data/ into <temporary directory>/data so a test can break one file; messages then
/// name "data/<file>" exactly as for the real knowledge base.
class DataCopy {
 public:
  explicit DataCopy(const std::filesystem::path& data_dir) : data_(tmp_.path() / "data") {
    std::filesystem::create_directories(data_);
    for (const auto& e : std::filesystem::directory_iterator(data_dir)) {
      std::filesystem::copy_file(e.path(), data_ / e.path().filename());
    }
  }
  const std::filesystem::path& path() const { return data_; }
  /// Replaces the first occurrence of `from` in `file` with `to`; returns false if absent.
  bool edit(const std::string& file, const std::string& from, const std::string& to) {
    std::string text = read_file(path() / file);
    const auto at = text.find(from);
    if (at == std::string::npos) return false;
    text.replace(at, from.size(), to);
    write_file(path() / file, text);
    return true;
  }

 private:
  TempDir tmp_;
  std::filesystem::path data_;
};

}  // namespace speciosa::testing
