#include "sim/stats.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <stdexcept>

namespace sim {

void Tally::merge(const Tally& o) {
  if (o.n_ == 0) return;
  if (n_ == 0) {
    *this = o;
    return;
  }
  double n = static_cast<double>(n_ + o.n_);
  double d = o.mean_ - mean_;
  mean_ += d * static_cast<double>(o.n_) / n;
  m2_ += o.m2_ + d * d * static_cast<double>(n_) * static_cast<double>(o.n_) / n;
  n_ += o.n_;
  sum_ += o.sum_;
  if (o.min_ < min_) min_ = o.min_;
  if (o.max_ > max_) max_ = o.max_;
}

double Tally::sd() const {
  return std::sqrt(variance());
}

double TimeWeighted::mean(double now) const {
  double span = now - start_;
  if (span <= 0) return value_;
  return area(now) / span;
}

Quantiles::Quantiles(double alpha)
    : alpha_(alpha), gamma_((1 + alpha) / (1 - alpha)), log_gamma_(std::log(gamma_)) {
  if (!(alpha > 0 && alpha < 0.5))
    throw std::invalid_argument("quantile alpha must be in (0, 0.5)");
}

int Quantiles::index(double x) const {
  return static_cast<int>(std::ceil(std::log(x) / log_gamma_));
}

double Quantiles::value(int i) const {
  return 2.0 * std::pow(gamma_, i) / (gamma_ + 1.0);
}

void Quantiles::add(double x) {
  ++n_;
  if (!(x > 1e-9)) {
    ++zeros_;
    return;
  }
  int i = index(x);
  if (counts_.empty()) {
    offset_ = i;
    counts_.assign(1, 0);
  } else if (i < offset_) {
    counts_.insert(counts_.begin(), static_cast<std::size_t>(offset_ - i), 0);
    offset_ = i;
  } else if (i >= offset_ + static_cast<int>(counts_.size())) {
    counts_.resize(static_cast<std::size_t>(i - offset_ + 1), 0);
  }
  ++counts_[static_cast<std::size_t>(i - offset_)];
}

void Quantiles::merge(const Quantiles& o) {
  if (o.alpha_ != alpha_)
    throw std::invalid_argument("merging quantile sketches of different alpha");
  n_ += o.n_;
  zeros_ += o.zeros_;
  if (o.counts_.empty()) return;
  if (counts_.empty()) {
    counts_ = o.counts_;
    offset_ = o.offset_;
    return;
  }
  int lo = std::min(offset_, o.offset_);
  int hi = std::max(offset_ + static_cast<int>(counts_.size()),
                    o.offset_ + static_cast<int>(o.counts_.size()));
  std::vector<std::uint64_t> merged(static_cast<std::size_t>(hi - lo), 0);
  for (std::size_t k = 0; k < counts_.size(); ++k)
    merged[static_cast<std::size_t>(offset_ - lo) + k] += counts_[k];
  for (std::size_t k = 0; k < o.counts_.size(); ++k)
    merged[static_cast<std::size_t>(o.offset_ - lo) + k] += o.counts_[k];
  counts_ = std::move(merged);
  offset_ = lo;
}

void Quantiles::reset() {
  n_ = zeros_ = 0;
  counts_.clear();
  offset_ = 0;
}

double Quantiles::quantile(double q) const {
  if (n_ == 0) return std::numeric_limits<double>::quiet_NaN();
  double rank = q * static_cast<double>(n_ - 1);
  double seen = static_cast<double>(zeros_);
  if (rank < seen) return 0.0;
  for (std::size_t k = 0; k < counts_.size(); ++k) {
    seen += static_cast<double>(counts_[k]);
    if (rank < seen) return value(offset_ + static_cast<int>(k));
  }
  return value(offset_ + static_cast<int>(counts_.size()) - 1);
}

double student_t_quantile(double df, double p) {
  boost::math::students_t dist(df);
  return boost::math::quantile(dist, p);
}

Interval mean_ci(std::span<const double> xs, double level) {
  Interval r;
  r.n = xs.size();
  if (xs.empty()) return r;
  Tally t;
  for (double x : xs) t.add(x);
  r.mean = t.mean();
  if (xs.size() < 2) return r;
  r.sd = t.sd();
  double h = student_t_quantile(static_cast<double>(xs.size() - 1), 0.5 + 0.5 * level) * r.sd /
             std::sqrt(static_cast<double>(xs.size()));
  r.lo = r.mean - h;
  r.hi = r.mean + h;
  return r;
}

Interval mean_ci_within(std::span<const double> xs, double lo, double hi, double level) {
  Interval r = mean_ci(xs, level);
  if (!std::isnan(r.lo)) r.lo = std::clamp(r.lo, lo, hi);
  if (!std::isnan(r.hi)) r.hi = std::clamp(r.hi, lo, hi);
  return r;
}

Interval paired_difference_ci(std::span<const double> a, std::span<const double> b, double level) {
  if (a.size() != b.size()) throw std::invalid_argument("paired samples differ in length");
  std::vector<double> d(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) d[i] = b[i] - a[i];
  return mean_ci(d, level);
}

double paired_t_p_value(std::span<const double> a, std::span<const double> b) {
  if (a.size() != b.size()) throw std::invalid_argument("paired samples differ in length");
  const std::size_t n = a.size();
  if (n < 2) return std::numeric_limits<double>::quiet_NaN();
  Tally d;
  for (std::size_t i = 0; i < n; ++i) d.add(b[i] - a[i]);
  const double se = d.sd() / std::sqrt(static_cast<double>(n));
  if (!(se > 0)) return d.mean() == 0 ? 1.0 : 0.0;
  const boost::math::students_t t(static_cast<double>(n - 1));
  return 2 * boost::math::cdf(boost::math::complement(t, std::abs(d.mean() / se)));
}

std::vector<bool> holm_significant(const std::vector<double>& p_values, double alpha) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < p_values.size(); ++i)
    if (!std::isnan(p_values[i])) order.push_back(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return p_values[x] < p_values[y]; });
  std::vector<bool> out(p_values.size(), false);
  const std::size_t m = order.size();
  for (std::size_t k = 0; k < m; ++k) {
    // The k-th smallest p-value is compared with alpha / (m - k); the first that fails stops it.
    if (!(p_values[order[k]] <= alpha / static_cast<double>(m - k))) break;
    out[order[k]] = true;
  }
  return out;
}

double quantile_of_sorted(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double rank = std::clamp(p, 0.0, 1.0) * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(rank));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  const double frac = rank - static_cast<double>(lo);
  return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
}

double exact_quantile(std::vector<double>& values, double p) {
  std::sort(values.begin(), values.end());
  return quantile_of_sorted(values, p);
}

}  // namespace sim
