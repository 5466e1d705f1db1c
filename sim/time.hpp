// Units of simulated time, defined once, and the default seed: the constants of a run that the
// engine, the scenario and the commands share, in a header that includes only <cstdint> (the
// scenario needs the seed's default without parsing the random generator). Simulated time is double
// seconds since the scenario's start instant (shared/DESIGN.md "Engine").
#pragma once

#include <cstdint>

namespace sim {

// The seed used when a scenario or a command names none: fixed, so a run is reproducible by
// default.
inline constexpr std::uint64_t kDefaultSeed = 20261123;

inline constexpr double kMinute = 60.0;
inline constexpr double kHour = 3600.0;
inline constexpr double kDay = 86400.0;
inline constexpr double kWeek = 7 * kDay;

}  // namespace sim
