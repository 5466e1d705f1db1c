// Days, hours and who is on duty: the date ranges and daily hours every calendar of a scenario is
// made of, a stage's or an agency's staffing by the hour (`staffing:`), and the agencies whose
// officers serve a side's stages (`agencies:`) with what an officer-hour and a booth-hour cost.
// Included by scenario.hpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/time.hpp"

namespace models {

struct DateRange {
  long from = 0;  // days since 1970-01-01, inclusive
  long to = 0;    // inclusive
  bool contains(long day) const { return day >= from && day <= to; }
};

struct Hours {
  double open_s = 0;  // local time of day
  double close_s = sim::kDay;
};

// Servers over hours of the day (`staffing:` of a stage or an agency), every day, on some weekdays
// or over dates; the most specific entry covering an instant wins (dates, then weekdays, then every
// day), the flat count (a stage's `servers`, an agency's `officers`) elsewhere, and only while its
// side is open.
struct StaffingEntry {
  Hours hours;  // local time of the side; close_s may be 24:00
  int servers = 0;
  std::vector<bool> days;  // 7, Monday first; every day when `days` is not given
  bool days_given = false;
  std::optional<DateRange> dates;
  int specificity() const { return dates ? 2 : days_given ? 1 : 0; }
  bool applies(long day, int weekday) const {
    return (!dates || dates->contains(day)) && days[static_cast<std::size_t>(weekday)];
  }
};

// What staff cost, in the scenario's reporting currency: an officer on duty for an hour, and a
// booth (a place where a truck stands to be checked) open for an hour.
struct StaffCost {
  double officer_hour = 0;
  double booth_hour = 0;
  bool given = false;
};

// An agency at a side (customs, border guard, quarantine): the stages its officers work. With
// `officers` or `staffing` its officers are one pool serving all its stages: a stage's `servers`
// are then booths, and a truck at one needs a booth and a free officer of the agency. Without
// them the agency only groups its stages (their servers are its officers) for cost and reporting.
struct Agency {
  std::string id;
  std::vector<std::size_t> stages;  // indices into the side's stages
  bool pooled = false;
  int officers = 0;  // the pool's officers outside `staffing` entries (pooled only)
  std::vector<StaffingEntry> staffing;
  StaffCost cost;
};

}  // namespace models
