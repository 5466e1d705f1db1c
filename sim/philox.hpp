// The generator behind every draw: Philox4x32-10 (Salmon et al., SC'11; Debian's
// librandom123-dev) keyed by the 64-bit seed, with the counter {stream, entity, index,
// replication << 16 | block} (sim/random.hpp says why). Include it in a file that draws, and only
// there: Random123 brings x86 intrinsics and <iostream> with it (about 99,000 preprocessed lines).
#pragma once

#include <Random123/philox.h>

#include <cstdint>

#include "sim/random.hpp"

namespace sim::detail {

// Always inline: it is on every draw, and a call costs a tenth of a draw.
template <class>
[[gnu::always_inline]] inline void philox_block(std::uint64_t seed, std::uint32_t replication,
                                                std::uint32_t stream, std::uint32_t entity,
                                                std::uint32_t index, std::uint32_t block,
                                                std::uint64_t out[2]) {
  r123::Philox4x32 rng;
  r123::Philox4x32::ctr_type ctr = {{stream, entity, index, (replication << 16) | block}};
  r123::Philox4x32::key_type key = {
      {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  r123::Philox4x32::ctr_type r = rng(ctr, key);
  out[0] = (static_cast<std::uint64_t>(r.v[0]) << 32) | r.v[1];
  out[1] = (static_cast<std::uint64_t>(r.v[2]) << 32) | r.v[3];
}

}  // namespace sim::detail
