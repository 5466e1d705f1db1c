#include "sim/arrivals.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace sim {

PiecewiseRate::PiecewiseRate(std::vector<double> starts, std::vector<double> rates, double period)
    : starts_(std::move(starts)), rates_(std::move(rates)), period_(period) {
  if (starts_.empty() || starts_.size() != rates_.size())
    throw std::invalid_argument("piecewise rate needs one rate per segment start");
  for (std::size_t i = 0; i < rates_.size(); ++i) {
    if (!(rates_[i] >= 0) || !std::isfinite(rates_[i]))
      throw std::invalid_argument("rates must be finite and >= 0");
    if (i > 0 && !(starts_[i] > starts_[i - 1]))
      throw std::invalid_argument("segment starts must increase");
  }
  if (period_ > 0 && (starts_.front() != 0 || starts_.back() >= period_))
    throw std::invalid_argument("a periodic rate's segments must lie in [0, period)");
  if (period_ <= 0 && starts_.front() > 0) {  // before the first start the rate is 0
    starts_.insert(starts_.begin(), 0.0);
    rates_.insert(rates_.begin(), 0.0);
  }
  if (period_ > 0)
    for (std::size_t j = 0; j < rates_.size(); ++j)
      total_period_ +=
          rates_[j] * ((j + 1 < starts_.size() ? starts_[j + 1] : period_) - starts_[j]);
}

std::size_t PiecewiseRate::segment(double t, double& base) const {
  base = 0;
  double local = t;
  if (period_ > 0) {
    double k = std::floor(t / period_);
    base = k * period_;
    local = t - base;
    if (local >= period_) {  // rounding at a period boundary
      base += period_;
      local = 0;
    }
  }
  auto it = std::upper_bound(starts_.begin(), starts_.end(), local);
  return it == starts_.begin() ? 0 : static_cast<std::size_t>(it - starts_.begin()) - 1;
}

double PiecewiseRate::rate_at(double t) const {
  double base;
  return rates_[segment(t, base)];
}

double PiecewiseRate::next(double t, double e) const {
  double base;
  std::size_t i = segment(t, base);
  double remaining = e;
  const double total_period = total_period_;
  if (period_ > 0 && total_period <= 0) return std::numeric_limits<double>::infinity();
  for (;;) {
    double end;
    bool last = i + 1 == starts_.size();
    if (last)
      end = period_ > 0 ? base + period_ : std::numeric_limits<double>::infinity();
    else
      end = base + starts_[i + 1];
    double r = rates_[i];
    if (r > 0) {
      double need = remaining / r;
      if (t + need < end) return t + need;
      remaining -= r * (end - t);
      if (remaining < 0) remaining = 0;
    } else if (last && period_ <= 0) {
      return std::numeric_limits<double>::infinity();
    }
    t = end;
    if (last) {
      base += period_;
      i = 0;
      // Skip whole periods at once when far from the answer.
      if (remaining > total_period) {
        double k = std::floor(remaining / total_period);
        remaining -= k * total_period;
        base += k * period_;
        t = base;
      }
    } else {
      ++i;
    }
  }
}

double PiecewiseRate::cumulative(double a, double b) const {
  double sum = 0;
  double t = a;
  double base;
  std::size_t i = segment(t, base);
  while (t < b) {
    bool last = i + 1 == starts_.size();
    double end = last ? (period_ > 0 ? base + period_ : std::numeric_limits<double>::infinity())
                      : base + starts_[i + 1];
    double stop = std::min(end, b);
    sum += rates_[i] * (stop - t);
    t = stop;
    if (last) {
      base += period_;
      i = 0;
    } else {
      ++i;
    }
  }
  return sum;
}

}  // namespace sim
