// Erlang C: the stationary M/M/c queue, the queueing estimate `bordersim optimise` seeds its
// search from (officers per hour block for that block's offered load).
#pragma once

namespace studies {

// Probability that an arrival waits in M/M/c with offered load a = lambda * mean service, in
// erlangs: 1 when a >= c (no steady state) and when c = 0; 0 when a = 0 < c. Computed from the
// Erlang B recursion B(k) = a B(k-1) / (k + a B(k-1)), whose terms stay in (0, 1], then
// C = B / (1 - (a/c)(1 - B)): no factorial or power of a, so c in the tens of thousands is exact
// to rounding. Throws std::invalid_argument for a negative c or a negative or NaN load.
double erlang_c(int servers, double offered_load);

// Mean wait in queue of M/M/c, C(c, a) * mean_service / (c - a), in the unit of mean_service_s;
// +infinity when a >= c, 0 when a = 0 < c.
double erlang_c_mean_wait(int servers, double offered_load, double mean_service_s);

// The smallest c in [0, max_servers] with erlang_c(c, a) <= p, max_servers when none is; 0 when
// a = 0. One pass of the recursion: O(max_servers).
int servers_for_wait_probability(double offered_load, double p, int max_servers);

// The smallest c in [0, max_servers] with erlang_c_mean_wait <= w (same unit as mean_service_s),
// max_servers when none is; 0 when a = 0.
int servers_for_mean_wait(double offered_load, double mean_service_s, double w, int max_servers);

}  // namespace studies
