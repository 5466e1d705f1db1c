// Experiment designs on the unit cube for `bordersim explore`: which points of the uncertain
// inputs to run. A design is pure numbers in [0,1)^dims; the caller maps each coordinate to an
// input's value with the inverse maps at the end (uniform, log-uniform, triangular, one of k
// alternatives). Every design is reproducible bit for bit from its arguments and seed on any
// machine: the engine is std::mt19937_64 (its output is fixed by the standard) and doubles and
// bounded integers are made from its bits here, never by the library's distributions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace studies {

enum class DesignKind { Lhs, Grid, Morris, Sobol };

struct UnitDesign {
  DesignKind kind = DesignKind::Lhs;
  std::size_t dims = 0;
  std::vector<std::vector<double>> points;  // each in [0,1)^dims, row order = run order
  std::size_t base = 0;    // LHS: n; Sobol: N base samples; Morris: r trajectories; Grid: points
  std::size_t levels = 0;  // Morris: p levels
};

// Latin hypercube: n points, each column has exactly one point in each stratum [k/n, (k+1)/n),
// placed uniformly at random inside it.
UnitDesign lhs_design(std::size_t dims, std::size_t n, std::uint64_t seed);

// Full factorial. levels[i]: how many levels input i takes (a discrete input with k alternatives
// has k; a continuous one the user's --points per axis); points at the level centres
// (j+0.5)/levels[i]; the first input varies slowest. Throws std::invalid_argument on a zero level
// count or more than 10^7 points.
UnitDesign grid_design(const std::vector<std::size_t>& levels);

// Morris's elementary-effects design: r trajectories of dims+1 points each. The grid has p levels
// (p even, >= 2) at the level centres (j+0.5)/p; each step moves one input by p/2 levels, which
// is Morris's Delta = p/(2(p-1)) on the classic grid {0, 1/(p-1), ..., 1} and 1/2 on the
// level-centre grid used here. Each trajectory has a random start, a random order of the inputs
// and steps up from the lower half of the levels and down from the upper half (Morris's random
// orientation). Rows t*(dims+1) .. t*(dims+1)+dims are trajectory t.
UnitDesign morris_design(std::size_t dims, std::size_t r, std::size_t p, std::uint64_t seed);

// Saltelli's scheme for Sobol' indices: n rows of A, n of B, then for each input i the n rows of
// AB_i (A with column i taken from B): n*(dims+2) points. See design.cpp for how A and B are made.
// n a power of two gives the best-balanced quasi-random points.
UnitDesign sobol_design(std::size_t dims, std::size_t n, std::uint64_t seed);

std::string design_name(DesignKind kind);          // "lhs", "grid", "morris", "sobol"
DesignKind parse_design(const std::string& name);  // throws std::invalid_argument

// Numbers from an engine's bits, the same on every machine (the library's distributions are
// implementation-defined): a double in [0,1) from the top 53 bits, and an unbiased integer in
// [0, k) by rejection (k >= 1).
inline double unit_from_bits(std::uint64_t bits) {
  return static_cast<double>(bits >> 11) * 0x1p-53;
}
std::uint64_t index_below(std::mt19937_64& rng, std::uint64_t k);

// Inverse maps from a unit coordinate u in [0,1) to an input's value.
double uniform_at(double u, double low, double high);
double log_uniform_at(double u, double low, double high);              // needs 0 < low <= high
double triangular_at(double u, double low, double mode, double high);  // low <= mode <= high
std::size_t alternative_at(double u, std::size_t k);  // floor(u*k), clamped to [0, k-1]

}  // namespace studies
