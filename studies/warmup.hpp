// A suggested warm-up for a simulated series (hourly queue length, say): MSER-5 (White 1997)
// and a check that what is left looks steady.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace studies {

struct WarmupSuggestion {
  std::size_t truncate = 0;  // observations to drop at the start (a multiple of 5)
  bool steady = true;
  std::string why;           // one sentence: what was found
  double slope_per_obs = 0;  // the trend over the last half, per observation
};

// MSER-5: the series is cut into batch means of 5 (a trailing partial batch left out), and the
// truncation d (in batches) minimising MSER(d) = sum_{j>d} (b_j - mean_{j>d})^2 / (m-d)^2 over
// d in [0, m/2] is suggested, as 5*d observations. Not steady when:
//  - the minimiser is the boundary d = m/2 (the series is still settling halfway through), or
//  - the last half of the series has a trend: the OLS slope of its 10 batch means (each a tenth
//    of the last half, long enough to be nearly independent for correlation times well under a
//    twentieth of the series) on time has a 99 % CI (Student t, 8 df) that excludes 0, and the
//    rise it implies over the whole series exceeds 5 % of the last half's mean level in size
//    (any significant rise when that level is 0).
// Fewer than 20 observations, or a NaN or infinite value, give truncate 0 and not steady.
WarmupSuggestion mser5(const std::vector<double>& series);

}  // namespace studies
