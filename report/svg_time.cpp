// Calendar time axes: ticks at round local clock times and dates.
#include <fmt/format.h>

#include <cmath>

#include "models/calendar.hpp"
#include "models/units.hpp"
#include "report/svg.hpp"

namespace outputs::svg {

namespace {

constexpr double kHourS = 3600, kDayS = 86400;
const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

// Local seconds since 1970-01-01 00:00 local of simulated time t.
double local_s(const Calendar& cal, double t) {
  return cal.epoch_s + cal.offset_s + t;
}

std::string date_text(long day) {
  const models::units::CivilDate c = models::units::civil_date(day);
  return fmt::format("{} {}", c.day, kMonths[c.month - 1]);
}

}  // namespace

std::string years_text(const Calendar& cal, double lo, double hi) {
  const long y0 =
      models::units::civil_date(static_cast<long>(std::floor(local_s(cal, lo) / kDayS))).year;
  const long y1 =
      models::units::civil_date(static_cast<long>(std::floor(local_s(cal, hi) / kDayS))).year;
  return y0 == y1 ? std::to_string(y0) : fmt::format("{}-{}", y0, y1);
}

std::vector<TimeTick> time_ticks(const Calendar& cal, double lo, double hi, int count) {
  std::vector<TimeTick> out;
  if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) return out;
  // (1970-01-05 was a Monday.)
  static const double steps[] = {kHourS,      2 * kHourS, 3 * kHourS, 6 * kHourS,
                                 12 * kHourS, kDayS,      2 * kDayS,  7 * kDayS,
                                 14 * kDayS,  28 * kDayS, 91 * kDayS, 364 * kDayS};
  double step = steps[sizeof steps / sizeof steps[0] - 1];
  for (double s : steps)
    if ((hi - lo) / s <= count) {
      step = s;
      break;
    }
  const double l0 = local_s(cal, lo), l1 = local_s(cal, hi);
  // Within a day: multiples of the step from local midnight; two days: from the first midnight
  // on the axis (so its first date is shown); a week or more: Mondays.
  double first = std::ceil(l0 / step - 1e-9) * step;
  if (step == 2 * kDayS) first = std::ceil(l0 / kDayS - 1e-9) * kDayS;
  if (step > 2 * kDayS) first = std::ceil((l0 - 4 * kDayS) / step - 1e-9) * step + 4 * kDayS;
  long prev_day = -1;
  for (double l = first; l <= l1 + 1e-6; l += step) {
    const long day = static_cast<long>(std::floor(l / kDayS + 1e-9));
    const double tod = l - static_cast<double>(day) * kDayS;
    TimeTick t;
    t.t = l - cal.epoch_s - cal.offset_s;
    if (step < kDayS) {
      const int minutes = static_cast<int>(std::lround(tod / 60));
      t.time = fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
      if (day != prev_day) t.date = date_text(day);
    } else {
      t.date = date_text(day);
      t.extra = kWeekdays[models::weekday(day)];
    }
    prev_day = day;
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace outputs::svg
