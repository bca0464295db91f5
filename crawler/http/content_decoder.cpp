#include "crawler/http/content_decoder.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstring>
#include <new>
#include <span>
#include <utility>
#include <vector>

#define ZLIB_CONST
#include <brotli/decode.h>
#include <zlib.h>
#include <zstd.h>

namespace geocrawl {
namespace {

// Output step per stage: the only buffer a stage owns, so memory never follows the ratio.
constexpr std::size_t step_bytes = 32 * 1024;
// Each coding costs a window and a step buffer; a header listing hundreds must not buy that.
constexpr std::size_t max_codings = 8;
// RFC 9659 lets HTTP zstd decoders refuse windows above 8 MiB; the library default is 128 MiB.
constexpr int zstd_window_log_max = 23;

// A codec's view of the bytes it may read and write; every library advances these in place.
struct buffers {
  const unsigned char* in;
  std::size_t in_left;
  unsigned char* out;
  std::size_t out_left;
};

// Codecs report their own progress in their own types; this keeps that bookkeeping in one place.
void advance(buffers& io, std::size_t used, std::size_t produced) {
  io.in += used;
  io.in_left -= used;
  io.out += produced;
  io.out_left -= produced;
}

enum class member_status { running, ended, failed };

struct step_result {
  std::size_t consumed = 0;  // from the caller's input
  std::size_t produced = 0;
  bool progressed = false;  // also counts header bytes replayed from the stash
  bool failed = false;
};

// One coding. The base owns what all codings share: sniffing the magic bytes that start each
// member (so gzip and zstd members can be concatenated and trailing garbage ignored, as browsers
// do), replaying those bytes into the codec, and knowing when the body ended mid-member.
class stage {
 public:
  stage(std::string name, std::size_t magic_size, bool multi_member)
      : name_(std::move(name)), magic_size_(magic_size), multi_member_(multi_member) {}
  virtual ~stage() = default;
  stage(const stage&) = delete;
  stage& operator=(const stage&) = delete;

  step_result step(std::string_view in, std::span<unsigned char> out);

  // A member was started but not finished; one partial magic byte of the first member counts.
  bool truncated() const { return phase_ == phase::in_member || (members_ == 0 && head_size_ > 0); }
  bool at_clean_end() const { return members_ > 0 && !truncated(); }
  const std::string& name() const { return name_; }
  const std::string& error() const { return error_; }

 protected:
  // Readies the codec for a member starting with head; false when head starts no member.
  virtual bool begin(std::span<const unsigned char> head) = 0;
  // Codec-specific reason on failure, written through why.
  virtual member_status decode(buffers& io, const char*& why) = 0;

 private:
  enum class phase { between, in_member, ended };

  std::string name_;
  std::size_t magic_size_;
  bool multi_member_;
  phase phase_ = phase::between;
  std::array<unsigned char, 4> head_{};
  std::size_t head_size_ = 0;
  std::size_t head_fed_ = 0;
  std::size_t members_ = 0;
  std::string error_;
};

step_result stage::step(std::string_view in, std::span<unsigned char> out) {
  step_result r;
  if (phase_ == phase::ended) {
    r.consumed = in.size();  // trailing garbage: browsers ignore it, so do we
    r.progressed = r.consumed > 0;
    return r;
  }
  if (phase_ == phase::between) {
    r.consumed = std::min(in.size(), magic_size_ - head_size_);
    std::memcpy(head_.data() + head_size_, in.data(), r.consumed);
    head_size_ += r.consumed;
    r.progressed = r.consumed > 0;
    if (head_size_ < magic_size_) return r;
    if (!begin({head_.data(), head_size_})) {
      if (members_ == 0) {
        r.failed = true;
        error_ = "corrupt " + name_ + " stream: unrecognised header";
      } else {
        phase_ = phase::ended;
      }
      return r;
    }
    phase_ = phase::in_member;
    head_fed_ = 0;
  }
  // The stashed magic bytes go into the codec before any new input.
  const bool replay = head_fed_ < head_size_;
  std::string_view source =
      replay ? std::string_view(reinterpret_cast<const char*>(head_.data()) + head_fed_,
                                head_size_ - head_fed_)
             : in.substr(r.consumed);
  buffers io{reinterpret_cast<const unsigned char*>(source.data()), source.size(), out.data(),
             out.size()};
  const char* why = nullptr;
  const member_status status = decode(io, why);
  const std::size_t used = source.size() - io.in_left;
  (replay ? head_fed_ : r.consumed) += used;
  r.produced = out.size() - io.out_left;
  r.progressed = r.progressed || used > 0 || r.produced > 0;
  if (status == member_status::failed) {
    r.failed = true;
    error_ = "corrupt " + name_ + " stream: " + (why ? why : "decoder error");
  } else if (status == member_status::ended) {
    r.progressed = true;  // a codec may report the end on a call that moved no bytes
    ++members_;
    head_size_ = 0;
    phase_ = multi_member_ ? phase::between : phase::ended;
  }
  return r;
}

// gzip and deflate share zlib; they differ in magic handling and window bits.
class zlib_stage final : public stage {
 public:
  enum class format { gzip, deflate };

  explicit zlib_stage(format f)
      : stage(f == format::gzip ? "gzip" : "deflate", 2, f == format::gzip), format_(f) {
    if (inflateInit2(&zs_, MAX_WBITS) != Z_OK) throw std::bad_alloc();
  }
  ~zlib_stage() override { inflateEnd(&zs_); }

 private:
  bool begin(std::span<const unsigned char> head) override {
    if (format_ == format::gzip) {
      return head[0] == 0x1f && head[1] == 0x8b && inflateReset2(&zs_, 16 + MAX_WBITS) == Z_OK;
    }
    // Many servers send raw deflate despite RFC 9110 asking for the zlib wrapper; browsers and
    // curl tell them apart by the zlib header checksum, so do we.
    const bool zlib_wrapped = (head[0] * 256 + head[1]) % 31 == 0 && (head[0] & 0x0f) == Z_DEFLATED;
    return inflateReset2(&zs_, zlib_wrapped ? MAX_WBITS : -MAX_WBITS) == Z_OK;
  }

  member_status decode(buffers& io, const char*& why) override {
    zs_.next_in = io.in;
    zs_.avail_in = static_cast<uInt>(std::min<std::size_t>(io.in_left, UINT_MAX));
    zs_.next_out = io.out;
    zs_.avail_out = static_cast<uInt>(io.out_left);  // io.out_left <= step_bytes
    const uInt in_before = zs_.avail_in;
    const int rc = inflate(&zs_, Z_NO_FLUSH);
    advance(io, in_before - zs_.avail_in, io.out_left - zs_.avail_out);
    if (rc == Z_STREAM_END) return member_status::ended;
    if (rc == Z_OK || rc == Z_BUF_ERROR) return member_status::running;
    why = zs_.msg;
    return member_status::failed;
  }

  format format_;
  z_stream zs_{};
};

// Brotli has no magic and no members; one byte is stashed only so a stream starts on real input.
class brotli_stage final : public stage {
 public:
  brotli_stage()
      : stage("br", 1, false), state_(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr)) {
    if (!state_) throw std::bad_alloc();
  }
  ~brotli_stage() override { BrotliDecoderDestroyInstance(state_); }

 private:
  bool begin(std::span<const unsigned char>) override { return true; }

  member_status decode(buffers& io, const char*& why) override {
    const BrotliDecoderResult rc =
        BrotliDecoderDecompressStream(state_, &io.in_left, &io.in, &io.out_left, &io.out, nullptr);
    if (rc == BROTLI_DECODER_RESULT_SUCCESS) return member_status::ended;
    if (rc != BROTLI_DECODER_RESULT_ERROR) return member_status::running;
    why = BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state_));
    return member_status::failed;
  }

  BrotliDecoderState* state_;
};

class zstd_stage final : public stage {
 public:
  zstd_stage() : stage("zstd", 4, true), dctx_(ZSTD_createDCtx()) {
    if (!dctx_) throw std::bad_alloc();
    ZSTD_DCtx_setParameter(dctx_, ZSTD_d_windowLogMax, zstd_window_log_max);
  }
  ~zstd_stage() override { ZSTD_freeDCtx(dctx_); }

 private:
  bool begin(std::span<const unsigned char> head) override {
    const std::uint32_t magic =
        head[0] | head[1] << 8 | head[2] << 16 | std::uint32_t{head[3]} << 24;
    const bool frame = magic == ZSTD_MAGICNUMBER ||
                       (magic & ZSTD_MAGIC_SKIPPABLE_MASK) == ZSTD_MAGIC_SKIPPABLE_START;
    return frame && !ZSTD_isError(ZSTD_DCtx_reset(dctx_, ZSTD_reset_session_only));
  }

  member_status decode(buffers& io, const char*& why) override {
    ZSTD_inBuffer in{io.in, io.in_left, 0};
    ZSTD_outBuffer out{io.out, io.out_left, 0};
    const std::size_t rc = ZSTD_decompressStream(dctx_, &out, &in);
    advance(io, in.pos, out.pos);
    if (ZSTD_isError(rc)) {
      why = ZSTD_getErrorName(rc);
      return member_status::failed;
    }
    return rc == 0 ? member_status::ended : member_status::running;
  }

  ZSTD_DCtx* dctx_;
};

// Null for an unknown coding.
std::unique_ptr<stage> make_stage(std::string_view coding) {
  if (coding == "gzip" || coding == "x-gzip") {
    return std::make_unique<zlib_stage>(zlib_stage::format::gzip);
  }
  if (coding == "deflate") return std::make_unique<zlib_stage>(zlib_stage::format::deflate);
  if (coding == "br") return std::make_unique<brotli_stage>();
  if (coding == "zstd") return std::make_unique<zstd_stage>();
  return nullptr;
}

// A list element as a coding name: trimmed, lowercase, empty when blank.
std::string coding_name(std::string_view token) {
  const auto first = token.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  std::string name(token.substr(first, token.find_last_not_of(" \t") - first + 1));
  std::ranges::transform(name, name.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return name;
}

}  // namespace

struct content_decoder::impl {
  std::size_t max_output_;
  // stages_[0] reads the body; codings were applied in header order, so it decodes the last one.
  std::vector<std::unique_ptr<stage>> stages_;
  std::vector<std::vector<unsigned char>> steps_;  // one output step buffer per stage
  // received_[i]: bytes handed to stage i; received_.back() is what reached the caller.
  std::vector<std::size_t> received_;
  decode_state sticky_ = decode_state::more;  // limit_reached or failed once they happen
  std::string error_;

  impl(std::string_view content_encoding, std::size_t max_output_bytes);
  decode_state push(std::size_t i, std::string_view in, std::string& out);
  decode_state run(std::size_t i, std::string_view in, std::string& out);
  decode_state fail(std::string message) {
    error_ = std::move(message);
    return sticky_ = decode_state::failed;
  }
};

content_decoder::impl::impl(std::string_view content_encoding, std::size_t max_output_bytes)
    : max_output_(max_output_bytes) {
  for (std::size_t start = 0; start <= content_encoding.size();) {
    const std::size_t comma = std::min(content_encoding.find(',', start), content_encoding.size());
    const std::string coding = coding_name(content_encoding.substr(start, comma - start));
    start = comma + 1;
    if (coding.empty() || coding == "identity") continue;
    auto decoder = make_stage(coding);
    if (!decoder || stages_.size() == max_codings) {
      fail(decoder ? "too many content-encodings" : "unsupported content-encoding: " + coding);
      break;  // the remaining stages are never run: failed is sticky
    }
    stages_.insert(stages_.begin(), std::move(decoder));
  }
  // Sized in place: a body sent as it is (most are) needs no step buffer, not even one to copy.
  steps_.resize(stages_.size());
  for (auto& step : steps_) step.resize(step_bytes);
  received_.assign(stages_.size() + 1, 0);
}

// Hands in to stage i, or to out past the last stage. Everything but the raw body is capped.
decode_state content_decoder::impl::push(std::size_t i, std::string_view in, std::string& out) {
  const bool capped = i > 0 || stages_.empty();
  const std::string_view kept = capped ? in.substr(0, max_output_ - received_[i]) : in;
  received_[i] += kept.size();
  decode_state state = decode_state::more;
  if (i == stages_.size()) {
    out.append(kept);
  } else {
    state = run(i, kept, out);
  }
  if (state == decode_state::more && kept.size() < in.size()) {
    return sticky_ = decode_state::limit_reached;
  }
  return state;
}

// Drives stage i one output step at a time until it neither consumes nor produces; every turn
// makes progress on finite input or capped output, so the loop is bounded.
decode_state content_decoder::impl::run(std::size_t i, std::string_view in, std::string& out) {
  stage& s = *stages_[i];
  for (;;) {
    const step_result r = s.step(in, steps_[i]);
    in.remove_prefix(r.consumed);
    if (r.failed) return fail(s.error());
    if (r.produced > 0) {
      const auto* bytes = reinterpret_cast<const char*>(steps_[i].data());
      const decode_state state = push(i + 1, {bytes, r.produced}, out);
      if (state != decode_state::more) return state;
    }
    if (!r.progressed) return decode_state::more;
  }
}

content_decoder::content_decoder(std::string_view content_encoding, std::size_t max_output_bytes)
    : impl_(std::make_unique<impl>(content_encoding, max_output_bytes)) {}
content_decoder::~content_decoder() = default;
content_decoder::content_decoder(content_decoder&&) noexcept = default;
content_decoder& content_decoder::operator=(content_decoder&&) noexcept = default;

decode_state content_decoder::feed(std::string_view input, std::string& out) {
  if (impl_->sticky_ != decode_state::more) return impl_->sticky_;
  const decode_state state = impl_->push(0, input, out);
  const auto& stages = impl_->stages_;
  const bool all_ended = !stages.empty() && std::ranges::all_of(stages, [](const auto& s) {
    return s->at_clean_end();
  });
  return state == decode_state::more && all_ended ? decode_state::done : state;
}

// Every step drains its codec while output room remains, so nothing is left to flush into out.
decode_state content_decoder::finish(std::string& /*out*/) {
  if (impl_->sticky_ != decode_state::more) return impl_->sticky_;
  for (const auto& s : impl_->stages_) {
    if (s->truncated()) return impl_->fail("truncated " + s->name() + " stream");
  }
  return decode_state::done;
}

const std::string& content_decoder::error() const { return impl_->error_; }

std::size_t content_decoder::decoded_bytes() const { return impl_->received_.back(); }

}  // namespace geocrawl
