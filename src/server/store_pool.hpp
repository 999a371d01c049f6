// Private to the server: open journal stores, one per concurrent request. A JournalStore is
// one connection and serves one thread at a time (journal.hpp); SQLite writers queue on its
// busy timeout, so the pool needs no locking of its own beyond handing stores out.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "speciosa/journal.hpp"

namespace speciosa::server {

class StorePool {
 public:
  explicit StorePool(std::string url) : url_(std::move(url)) {}

  /// A store lent to one request; returned to the pool when the lease ends.
  class Lease {
   public:
    Lease(StorePool& pool, std::unique_ptr<journal::JournalStore> store)
        : pool_(&pool), store_(std::move(store)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    journal::JournalStore& operator*() const { return *store_; }

   private:
    StorePool* pool_;
    std::unique_ptr<journal::JournalStore> store_;
  };

  /// An idle store, or a newly opened one.
  Result<Lease> acquire();

 private:
  void give_back(std::unique_ptr<journal::JournalStore> store);

  std::string url_;
  std::mutex mu_;
  std::vector<std::unique_ptr<journal::JournalStore>> idle_;
};

}  // namespace speciosa::server
