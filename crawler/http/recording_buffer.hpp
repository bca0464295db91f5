#pragma once
// A dynamic buffer for Beast's reads that copies every byte committed to it — what the
// socket or the TLS layer handed over, before the HTTP parser saw it — into a capped string:
// the response as received, for WARC. Without a sink it is the flat_buffer it wraps.
#include <algorithm>
#include <cstddef>
#include <string>

#include <boost/beast/core/flat_buffer.hpp>

namespace geocrawl {

class recording_buffer {
 public:
  using const_buffers_type = boost::beast::flat_buffer::const_buffers_type;
  using mutable_buffers_type = boost::beast::flat_buffer::mutable_buffers_type;

  // sink nullptr: nothing is copied. Past `cap` bytes the copy stops and cut() says so.
  recording_buffer(boost::beast::flat_buffer& inner, std::string* sink, std::size_t cap)
      : inner_(inner), sink_(sink), cap_(cap) {}

  std::size_t size() const { return inner_.size(); }
  std::size_t max_size() const { return inner_.max_size(); }
  std::size_t capacity() const { return inner_.capacity(); }
  const_buffers_type data() const { return inner_.data(); }
  const_buffers_type cdata() const { return inner_.cdata(); }
  mutable_buffers_type data() { return inner_.data(); }
  mutable_buffers_type prepare(std::size_t n) { return inner_.prepare(n); }
  void consume(std::size_t n) { inner_.consume(n); }

  void commit(std::size_t n) {
    const auto before = inner_.size();
    inner_.commit(n);
    if (sink_ == nullptr) return;
    // A flat_buffer's readable bytes are one contiguous range; the new ones are its end.
    const auto* committed = static_cast<const char*>(inner_.data().data()) + before;
    const auto added = inner_.size() - before;
    const auto room = cap_ - std::min(cap_, sink_->size());
    sink_->append(committed, std::min(room, added));
    if (added > room) cut_ = true;
  }

  bool cut() const { return cut_; }

 private:
  boost::beast::flat_buffer& inner_;
  std::string* sink_;
  std::size_t cap_;
  bool cut_ = false;
};

}  // namespace geocrawl
