// Statistics: running tallies, time-weighted averages, mergeable quantile sketches and
// across-replication confidence intervals.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace sim {

// Count, mean, variance (Welford), min and max of observations. Mergeable (Chan et al.), so
// per-replication tallies combine in replication order into the same bits for any thread count.
class Tally {
 public:
  void add(double x) {
    ++n_;
    double d = x - mean_;
    mean_ += d / static_cast<double>(n_);
    m2_ += d * (x - mean_);
    if (x < min_) min_ = x;
    if (x > max_) max_ = x;
    sum_ += x;
  }
  void merge(const Tally& o);
  void reset() { *this = Tally(); }

  std::uint64_t count() const { return n_; }
  double mean() const { return n_ ? mean_ : std::numeric_limits<double>::quiet_NaN(); }
  double variance() const { return n_ > 1 ? m2_ / static_cast<double>(n_ - 1) : 0.0; }
  double sd() const;
  double min() const { return min_; }
  double max() const { return max_; }
  double sum() const { return sum_; }

 private:
  std::uint64_t n_ = 0;
  double mean_ = 0, m2_ = 0, sum_ = 0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

// The time-average of a piecewise-constant quantity (queue length, busy servers, yard level).
class TimeWeighted {
 public:
  explicit TimeWeighted(double t0 = 0, double value = 0)
      : start_(t0), last_t_(t0), value_(value), max_(value) {}
  void update(double t, double value) {
    area_ += value_ * (t - last_t_);
    last_t_ = t;
    value_ = value;
    if (value > max_) max_ = value;
  }
  void add(double t, double delta) { update(t, value_ + delta); }
  // Forgets the past (warm-up truncation); the current value carries on.
  void reset(double t) {
    start_ = last_t_ = t;
    area_ = 0;
    max_ = value_;
  }
  double mean(double now) const;  // average over [start, now]
  double area(double now) const { return area_ + value_ * (now - last_t_); }
  double value() const { return value_; }
  double max() const { return max_; }
  double start() const { return start_; }

 private:
  double start_, last_t_, value_, max_;
  double area_ = 0;
};

// Quantiles with at most `alpha` relative error (default 1 %), by logarithmic buckets of ratio
// (1+alpha)/(1-alpha) (the DDSketch construction, Masson et al., VLDB 2019). Values at or below
// 1e-9 count as zero (a truck that did not wait). Mergeable across replications.
class Quantiles {
 public:
  explicit Quantiles(double alpha = 0.01);
  void add(double x);
  void merge(const Quantiles& o);
  void reset();
  // The q-quantile (0 <= q <= 1) by rank q*(n-1); NaN when empty.
  double quantile(double q) const;
  std::uint64_t count() const { return n_; }
  double alpha() const { return alpha_; }

 private:
  int index(double x) const;
  double value(int i) const;
  double alpha_, gamma_, log_gamma_;
  std::uint64_t n_ = 0, zeros_ = 0;
  int offset_ = 0;  // counts_[k] holds bucket offset_ + k
  std::vector<std::uint64_t> counts_;
};

// The exact p-quantile (0 <= p <= 1) of a sample, by linear interpolation between the order
// statistics at rank p * (n - 1) (Hyndman & Fan type 7, numpy's default); NaN when empty.
// `sorted` must be in ascending order; exact_quantile sorts its argument first.
double quantile_of_sorted(const std::vector<double>& sorted, double p);
double exact_quantile(std::vector<double>& values, double p);

// A mean with its Student-t confidence interval.
struct Interval {
  double mean = std::numeric_limits<double>::quiet_NaN();
  double sd = std::numeric_limits<double>::quiet_NaN();
  double lo = std::numeric_limits<double>::quiet_NaN();
  double hi = std::numeric_limits<double>::quiet_NaN();
  std::size_t n = 0;
  double half_width() const { return 0.5 * (hi - lo); }
  bool contains(double x, double widen = 1.0) const {
    double h = half_width() * widen;
    return x >= mean - h && x <= mean + h;
  }
  // Significant at the interval's level: the interval excludes zero.
  bool excludes_zero() const { return lo > 0 || hi < 0; }
};

double student_t_quantile(double df, double p);
// Mean of independent replications with a two-sided `level` CI; NaN bounds for fewer than 2.
Interval mean_ci(std::span<const double> xs, double level = 0.95);
// The same for a quantity known to lie in [lo, hi] (a share: [0, 1]): the Student-t interval
// intersected with [lo, hi]. The mean and sd are unchanged, and the interval covers the true
// mean whenever the t interval does (the true mean lies in [lo, hi]); near a bound it is
// asymmetric (shares 0, 0, 0, 1, 1 give 0.4 in [0, 1], not 0.4 ± 0.68).
Interval mean_ci_within(std::span<const double> xs, double lo, double hi, double level = 0.95);
// CI of the mean of (b_i - a_i) over paired replications (common random numbers).
Interval paired_difference_ci(std::span<const double> a, std::span<const double> b,
                              double level = 0.95);
// Two-sided p-value of the paired t-test of mean(b_i - a_i) = 0: 1 when every difference is 0,
// 0 when they are all the same nonzero value, NaN with fewer than two pairs.
double paired_t_p_value(std::span<const double> a, std::span<const double> b);
// Holm's step-down adjustment of a family of p-values: which are significant at `alpha` for the
// family as a whole (NaN p-values are never significant and do not count in the family).
std::vector<bool> holm_significant(const std::vector<double>& p_values, double alpha = 0.05);

}  // namespace sim
