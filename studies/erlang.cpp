#include "studies/erlang.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace studies {

namespace {

void check(int servers, double a) {
  if (servers < 0) throw std::invalid_argument("erlang: a negative number of servers");
  if (!(a >= 0)) throw std::invalid_argument("erlang: the offered load must be >= 0");
}

// Erlang B with c servers given B with c - 1: the stable recursion (every value in (0, 1]).
double next_b(double b, int c, double a) {
  return a * b / (c + a * b);
}

double c_from_b(double b, int c, double a) {
  return b / (1 - a / c * (1 - b));
}

// Walks c = 0, 1, ... up to max_servers and returns the first c where ok(c, erlang_c(c, a)).
template <class Ok>
int first_servers(double a, int max_servers, Ok ok) {
  double b = 1;  // B(0)
  for (int c = 0; c <= max_servers; ++c) {
    if (c > 0) b = next_b(b, c, a);
    const double pc = (a >= c) ? 1.0 : c_from_b(b, c, a);
    if (ok(c, pc)) return c;
  }
  return max_servers;
}

}  // namespace

double erlang_c(int servers, double offered_load) {
  check(servers, offered_load);
  const double a = offered_load;
  if (a >= servers) return 1;  // includes c = 0
  if (a == 0) return 0;
  double b = 1;
  for (int c = 1; c <= servers; ++c) b = next_b(b, c, a);
  return c_from_b(b, servers, a);
}

double erlang_c_mean_wait(int servers, double offered_load, double mean_service_s) {
  check(servers, offered_load);
  if (offered_load >= servers) return std::numeric_limits<double>::infinity();
  return erlang_c(servers, offered_load) * mean_service_s / (servers - offered_load);
}

int servers_for_wait_probability(double offered_load, double p, int max_servers) {
  check(max_servers, offered_load);
  if (offered_load == 0) return 0;
  return first_servers(offered_load, max_servers, [&](int, double pc) { return pc <= p; });
}

int servers_for_mean_wait(double offered_load, double mean_service_s, double w, int max_servers) {
  check(max_servers, offered_load);
  if (offered_load == 0) return 0;
  return first_servers(offered_load, max_servers, [&](int c, double pc) {
    return offered_load < c && pc * mean_service_s / (c - offered_load) <= w;
  });
}

}  // namespace studies
