// Time zones as scenarios write them: a fixed offset (`UTC`, `UTC+7`, `UTC+06:30`, `UTC-03:30`)
// or any name of the IANA tz database (`Asia/Phnom_Penh`, `Asia/Yangon`), read from the system's
// database (/usr/share/zoneinfo, Debian's tzdata, through H. Hinnant's date/tz.h).
//
// The model keeps one UTC offset per place. A named zone's offset depends on the date, so it is
// resolved at the scenario's start instant, and a scenario whose horizon crosses a change of
// that offset (daylight saving, a change of standard time) is refused with a located error:
// check_zone_offsets. The GMS border zones have not changed since 1991 (China), 1975 (Vietnam)
// and 1978 (Myanmar's +06:30), so their scenarios are never refused.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "models/source_error.hpp"

namespace models {

struct Zone {
  std::string text;   // as written (trimmed): what the terminal shows
  bool fixed = true;  // a UTC offset written out; else a tz database name
  int offset_s = 0;   // the fixed offset
};

// Throws std::invalid_argument saying what was expected, with the closest tz database name for a
// misspelled one ("did you mean 'Asia/Phnom_Penh'?").
Zone parse_zone(std::string_view text);

// The zone's offset at a UTC instant (seconds since 1970-01-01 00:00 UTC).
int zone_offset_at(const Zone& z, double utc_s);
// The zone's offset at a local wall-clock instant (seconds since 1970-01-01 00:00 local).
// Throws std::invalid_argument when that local time does not exist (clocks jump past it) or
// happens twice (clocks go back over it).
int zone_offset_local(const Zone& z, double local_s);

struct OffsetChange {
  double utc_s = 0;  // the instant of the change
  int before_s = 0, after_s = 0;
};
// The first change of the zone's offset in (from, to], if any.
std::optional<OffsetChange> zone_change(const Zone& z, double from_utc_s, double to_utc_s);

// "UTC", "UTC+7" for whole hours, "UTC+06:30" otherwise.
std::string offset_text(int offset_s);
// How a zone is shown: a fixed offset as written, a name with its offset ("Asia/Yangon,
// UTC+06:30"); `offset_s` is the offset the scenario uses.
std::string zone_label(const std::string& written, int offset_s);

// Where a scenario wrote a zone, so a horizon changed after loading (`--horizon`) is checked
// again against the zone's offset changes.
struct ZoneUse {
  Zone zone;
  std::string file;
  Mark mark;
  std::string key;
};

}  // namespace models
