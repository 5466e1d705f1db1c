#include "sim/random.hpp"

#include <Random123/philox.h>

#include <cassert>

namespace sim {

RandomSource::RandomSource(std::uint64_t seed, std::uint32_t replication)
    : seed_(seed), replication_(replication) {
  assert(replication < 65536 && "replication index must fit in 16 bits");
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
