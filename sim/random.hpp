// Randomness is addressed, not consumed.
//
// A draw is a pure function of (seed, replication, stream, entity, index): Philox4x32-10
// (Salmon et al., SC'11; Debian's librandom123-dev) keyed by the 64-bit seed, with the counter
// holding {stream, entity, index, replication << 16 | block}. Truck 1234's quarantine time is then
// the same in a baseline and in a variant that reorders trucks, and the same for any thread count
// or event order: common random numbers that survive policy changes.
//
// One address yields a short sequence of uniforms (`Uniforms`), two per Philox block, enough for
// rejection samplers. Sources that are not entities (a flow's arrival process) use a `Stream`:
// a fixed (stream, entity) with the index counting up.
//
// Limits: replication < 65536; up to 131072 uniforms per address; stream names are hashed to 32
// bits (FNV-1a), so two names could collide: StreamRegistry-style checks belong to the model,
// which knows its names.
//
// This header does not parse Random123 (99,000 preprocessed lines: x86 intrinsics, <iostream>,
// <algorithm>): the generator itself, detail::philox_block, is defined in sim/philox.hpp, which
// only the files that draw include. A file that draws without it does not compile ("inlining
// failed in call to 'always_inline' ... function body not available").
#pragma once

#include <cassert>
#include <cstdint>
#include <string_view>

namespace sim {

namespace detail {
// The Philox4x32-10 block for one counter: defined in sim/philox.hpp. A template only so that it
// can be declared here and defined there (an inline function declared but not defined warns in
// every file that includes the declaration, drawing or not).
template <class = void>
[[gnu::always_inline]] void philox_block(std::uint64_t seed, std::uint32_t replication,
                                         std::uint32_t stream, std::uint32_t entity,
                                         std::uint32_t index, std::uint32_t block,
                                         std::uint64_t out[2]);
}  // namespace detail

constexpr std::uint32_t stream_id(std::string_view name) {
  std::uint32_t h = 2166136261u;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

// Maps 64 random bits to a double in the open interval (0, 1): never 0, never 1, so log(u) and
// inverse CDFs are always finite.
inline double to_open_unit(std::uint64_t bits) {
  return (static_cast<double>(bits >> 12) + 0.5) * 0x1.0p-52;
}

class Uniforms;

class RandomSource {
 public:
  RandomSource(std::uint64_t seed, std::uint32_t replication);
  std::uint64_t seed() const { return seed_; }
  std::uint32_t replication() const { return replication_; }

  inline Uniforms at(std::uint32_t stream, std::uint32_t entity, std::uint32_t index) const;
  // The first uniform of an address: the common case of a single inversion draw.
  [[gnu::always_inline]] double uniform(std::uint32_t stream, std::uint32_t entity,
                                        std::uint32_t index) const {
    std::uint64_t w[2];
    block(stream, entity, index, 0, w);
    return to_open_unit(w[0]);
  }

  // The raw Philox block for an address (two 64-bit words). Always inline: it is on every draw,
  // and a call (g++ outlines it when a translation unit grows) costs a tenth of a draw.
  [[gnu::always_inline]] void block(std::uint32_t stream, std::uint32_t entity, std::uint32_t index,
                                    std::uint32_t block, std::uint64_t out[2]) const {
    detail::philox_block(seed_, replication_, stream, entity, index, block, out);
  }

 private:
  std::uint64_t seed_;
  std::uint32_t replication_;
};

// The uniforms of one draw address, generated on demand. Holds its address by value, so it
// stays valid whatever happens to the RandomSource it came from.
class Uniforms {
 public:
  Uniforms(const RandomSource& src, std::uint32_t stream, std::uint32_t entity, std::uint32_t index)
      : seed_(src.seed()),
        replication_(src.replication()),
        stream_(stream),
        entity_(entity),
        index_(index) {}
  double next() {
    if (left_ == 0) {
      assert(block_ < 65536 && "too many uniforms drawn from one address");
      detail::philox_block(seed_, replication_, stream_, entity_, index_, block_++, words_);
      left_ = 2;
    }
    return to_open_unit(words_[2 - left_--]);
  }

 private:
  std::uint64_t seed_;
  std::uint32_t replication_, stream_, entity_, index_;
  std::uint32_t block_ = 0;
  int left_ = 0;
  std::uint64_t words_[2] = {0, 0};
};

inline Uniforms RandomSource::at(std::uint32_t stream, std::uint32_t entity,
                                 std::uint32_t index) const {
  return Uniforms(*this, stream, entity, index);
}

// A named sequential stream: the index counts draws. Cheap to copy.
class Stream {
 public:
  Stream(const RandomSource& src, std::uint32_t stream, std::uint32_t entity = 0xFFFFFFFFu)
      : src_(&src), stream_(stream), entity_(entity) {}
  Stream(const RandomSource& src, std::string_view name, std::uint32_t entity = 0xFFFFFFFFu)
      : Stream(src, stream_id(name), entity) {}
  Uniforms next() { return src_->at(stream_, entity_, index_++); }
  [[gnu::always_inline]] double uniform() { return src_->uniform(stream_, entity_, index_++); }
  std::uint32_t position() const { return index_; }

 private:
  const RandomSource* src_;
  std::uint32_t stream_, entity_;
  std::uint32_t index_ = 0;
};

}  // namespace sim
