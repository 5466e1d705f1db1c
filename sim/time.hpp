// Units of simulated time, defined once. Simulated time is double seconds since the scenario's
// start instant (shared/DESIGN.md "Engine").
#pragma once

namespace sim {

inline constexpr double kMinute = 60.0;
inline constexpr double kHour = 3600.0;
inline constexpr double kDay = 86400.0;
inline constexpr double kWeek = 7 * kDay;

}  // namespace sim
