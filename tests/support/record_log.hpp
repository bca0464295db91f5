// What a scripted server saw, appended on its io thread and read by the test thread while the
// server runs.
#pragma once

#include <mutex>
#include <vector>

namespace geocrawl::testing {

template <class Record>
class record_log {
 public:
  void add(Record record) {
    const std::lock_guard lock(mutex_);
    records_.push_back(std::move(record));
  }

  // A copy, in the order added, so the caller may keep it after the server is gone.
  std::vector<Record> all() const {
    const std::lock_guard lock(mutex_);
    return records_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<Record> records_;  // guarded by mutex_
};

}  // namespace geocrawl::testing
