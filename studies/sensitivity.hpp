// Sensitivity measures for `bordersim explore`: which uncertain inputs move a response, from the
// responses y (one per design point, in the design's row order).
//
// Degenerate data: a NaN or infinite y (a failed or empty run) drops what it touches: in a Sobol'
// design the whole base row j (A_j, B_j and every AB_i,j), in a Morris design the elementary
// effects of the steps into and out of that point, in a regression the point. An index that
// cannot be estimated (no usable rows, y constant over the usable rows, an input with no
// elementary effect, a constant regression column) is NaN, as are its CI ends; a CI with no
// resamples asked for (resamples == 0) is NaN at both ends. Nothing here has undefined behaviour
// on such data. Mismatched sizes and the wrong design kind throw std::invalid_argument.
//
// The CIs are percentile bootstrap intervals: with few base rows or trajectories (under about
// 100 rows, 20 trajectories) they are too narrow (they undercover, a known property of the
// percentile bootstrap on small samples). On a Sobol' design, resampling rows as if they were
// independent ignores the quasi-random points' balance, so there the CIs err wide.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "studies/design.hpp"

namespace studies {

struct Estimate {
  double value = 0, low = 0, high = 0;  // point estimate and CI
};

// First-order indices (Saltelli et al. 2010's estimator) and total indices (Jansen's), from y over
// a sobol_design, with percentile bootstrap CIs: the usable base rows resampled with replacement
// `resamples` times from `seed`. The estimates are not clamped: noise can put a small index
// slightly below 0, or a first-order index above its total one.
struct SobolIndices {
  std::vector<Estimate> first, total;
  double variance = 0;   // of y over the usable A and B rows
  std::size_t used = 0;  // base rows with every y finite
};
SobolIndices sobol_indices(const UnitDesign& d, const std::vector<double>& y, std::size_t resamples,
                           std::uint64_t seed, double level = 0.95);

// Morris screening: per input mu (mean elementary effect), mu* (mean |EE|) and sigma (standard
// deviation of the EEs over trajectories, n-1 denominator; NaN with fewer than two), on the unit
// scale (EE = dy/du, du = +-1/2 on morris_design's grid), plus a percentile bootstrap CI for mu*
// resampling whole trajectories.
struct MorrisEffects {
  std::vector<double> mu, mu_star, sigma;
  std::vector<Estimate> mu_star_ci;
};
MorrisEffects morris_effects(const UnitDesign& d, const std::vector<double>& y,
                             std::size_t resamples, std::uint64_t seed, double level = 0.95);

// Standardised regression coefficients of y on the columns x[i] (one per input, one value per
// point): OLS with an intercept on z-scored columns, CIs from the OLS standard errors and the
// Student t quantile, and R^2. The standard errors take the columns' standard deviations as known,
// the usual approximation. A constant column gets NaN and is left out of the fit; collinear
// columns (a singular fit) give NaN everywhere.
struct Regression {
  std::vector<Estimate> src;
  double r2 = 0;
};
Regression standardised_regression(const std::vector<std::vector<double>>& x,
                                   const std::vector<double>& y, double level = 0.95);

}  // namespace studies
