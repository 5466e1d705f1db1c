#include "sim/random.hpp"

#include <stdexcept>

namespace sim {

RandomSource::RandomSource(std::uint64_t seed, std::uint32_t replication)
    : seed_(seed), replication_(replication) {
  if (replication >= 65536)
    throw std::invalid_argument("replication index must be below 65536 (16 bits of the counter)");
}

}  // namespace sim
