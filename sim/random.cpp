#include "sim/random.hpp"

#include <Random123/philox.h>

#include <cassert>

namespace sim {

RandomSource::RandomSource(std::uint64_t seed, std::uint32_t replication)
    : seed_(seed), replication_(replication) {
  assert(replication < 65536 && "replication index must fit in 16 bits");
}

void RandomSource::block(std::uint32_t stream, std::uint32_t entity, std::uint32_t index,
                         std::uint32_t block, std::uint64_t out[2]) const {
  r123::Philox4x32 rng;
  r123::Philox4x32::ctr_type ctr = {{stream, entity, index, (replication_ << 16) | block}};
  r123::Philox4x32::key_type key = {
      {static_cast<std::uint32_t>(seed_), static_cast<std::uint32_t>(seed_ >> 32)}};
  r123::Philox4x32::ctr_type r = rng(ctr, key);
  out[0] = (static_cast<std::uint64_t>(r.v[0]) << 32) | r.v[1];
  out[1] = (static_cast<std::uint64_t>(r.v[2]) << 32) | r.v[3];
}

double RandomSource::uniform(std::uint32_t stream, std::uint32_t entity,
                             std::uint32_t index) const {
  std::uint64_t w[2];
  block(stream, entity, index, 0, w);
  return to_open_unit(w[0]);
}

double Uniforms::next() {
  if (left_ == 0) {
    assert(block_ < 65536 && "too many uniforms drawn from one address");
    src_->block(stream_, entity_, index_, block_++, words_);
    left_ = 2;
  }
  return to_open_unit(words_[2 - left_--]);
}

}  // namespace sim
