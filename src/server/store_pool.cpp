#include "store_pool.hpp"

namespace speciosa::server {

StorePool::Lease::~Lease() {
  if (store_) pool_->give_back(std::move(store_));
}

Result<StorePool::Lease> StorePool::acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto store = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(store));
    }
  }
  auto opened = journal::open_journal(url_);
  if (!opened) return opened.error();
  return Lease(*this, std::move(*opened));
}

void StorePool::give_back(std::unique_ptr<journal::JournalStore> store) {
  std::lock_guard lock(mu_);
  idle_.push_back(std::move(store));
}

}  // namespace speciosa::server
