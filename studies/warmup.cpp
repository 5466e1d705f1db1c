#include "studies/warmup.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace studies {

namespace {

constexpr std::size_t kBatch = 5;
constexpr std::size_t kMinObservations = 20;
constexpr std::size_t kTrendBatches = 10;
constexpr double kTrendLevel = 0.99;
constexpr double kTrendShare = 0.05;

struct Trend {
  double slope = 0, half = 0, level = 0;  // per observation; CI half-width; mean
};

// OLS trend of x[from, to) through kTrendBatches batch means (the batches make the residuals
// nearly independent, so the slope's CI is honest for a correlated series).
Trend trend_of(const std::vector<double>& x, std::size_t from, std::size_t to) {
  const std::size_t len = (to - from) / kTrendBatches;
  std::vector<double> t(kTrendBatches), y(kTrendBatches);
  for (std::size_t b = 0; b < kTrendBatches; ++b) {
    double s = 0;
    for (std::size_t k = 0; k < len; ++k) s += x[from + b * len + k];
    y[b] = s / static_cast<double>(len);
    t[b] = static_cast<double>(b * len) + static_cast<double>(len - 1) / 2;
  }
  const auto m = static_cast<double>(kTrendBatches);
  double tm = 0, ym = 0;
  for (std::size_t b = 0; b < kTrendBatches; ++b) tm += t[b], ym += y[b];
  tm /= m, ym /= m;
  double stt = 0, sty = 0;
  for (std::size_t b = 0; b < kTrendBatches; ++b)
    stt += (t[b] - tm) * (t[b] - tm), sty += (t[b] - tm) * (y[b] - ym);
  Trend tr;
  tr.slope = sty / stt;
  tr.level = ym;
  double rss = 0;
  for (std::size_t b = 0; b < kTrendBatches; ++b) {
    const double e = y[b] - ym - tr.slope * (t[b] - tm);
    rss += e * e;
  }
  const double df = m - 2;
  const boost::math::students_t dist(df);
  tr.half = boost::math::quantile(dist, (1 + kTrendLevel) / 2) * std::sqrt(rss / df / stt);
  return tr;
}

}  // namespace

WarmupSuggestion mser5(const std::vector<double>& series) {
  WarmupSuggestion w;
  const std::size_t n = series.size();
  if (n < kMinObservations) {
    w.steady = false;
    w.why = fmt::format("too short for MSER-5: {} observations (needs {})", n, kMinObservations);
    return w;
  }
  for (double x : series) {
    if (!std::isfinite(x)) {
      w.steady = false;
      w.why = "the series has a NaN or infinite value";
      return w;
    }
  }
  const std::size_t m = n / kBatch;
  std::vector<double> b(m);
  for (std::size_t j = 0; j < m; ++j) {
    double s = 0;
    for (std::size_t k = 0; k < kBatch; ++k) s += series[j * kBatch + k];
    b[j] = s / static_cast<double>(kBatch);
  }
  // Suffix sums make every MSER(d) O(1): sum of squares about the mean = S2 - S1^2 / count.
  std::vector<double> s1(m + 1, 0.0), s2(m + 1, 0.0);
  for (std::size_t j = m; j-- > 0;) s1[j] = s1[j + 1] + b[j], s2[j] = s2[j + 1] + b[j] * b[j];
  const std::size_t last = m / 2;
  std::size_t best = 0;
  double best_value = 0;
  for (std::size_t d = 0; d <= last; ++d) {
    const auto c = static_cast<double>(m - d);
    // Cancellation can leave a tiny negative sum of squares for a constant tail.
    const double ss = std::max(0.0, s2[d] - s1[d] * s1[d] / c);
    const double value = ss / (c * c);
    if (d == 0 || value < best_value) best = d, best_value = value;
  }
  w.truncate = best * kBatch;
  const Trend tr = trend_of(series, n / 2, n);
  w.slope_per_obs = tr.slope;
  const double rise = std::abs(tr.slope) * static_cast<double>(n);
  const bool significant = std::abs(tr.slope) > tr.half;
  const bool sizeable = rise > kTrendShare * std::abs(tr.level);
  if (best == last && last > 0) {
    w.steady = false;
    w.why = fmt::format(
        "MSER-5 is smallest at the halfway limit ({} observations): the series has not settled",
        w.truncate);
  } else if (significant && sizeable) {
    w.steady = false;
    w.why = fmt::format(
        "the last half trends: {:.3g} per observation ({:.3g} over the series, level {:.3g})",
        tr.slope, tr.slope * static_cast<double>(n), tr.level);
  } else {
    w.why = fmt::format("warm-up of {} observations (MSER-5); the last half shows no trend",
                        w.truncate);
  }
  return w;
}

}  // namespace studies
