#include "models/give_up.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "sim/random.hpp"

namespace models {

bool Waiting::gives_up() const {
  return (behaviour && behaviour->patience) || std::isfinite(spoils_after_s) ||
         (can_balk && behaviour && behaviour->balk_road_queue > 0);
}

namespace {

constexpr std::uint32_t kPatienceSampleStream = sim::stream_id("analysis.patience");
constexpr int kSamples = 4000;

// M/M/c+M with room for `room` waiting: the mean number waiting and the rate of leaving unserved
// (abandoning, and arrivals to a full room).
QueueLevel erlang_a_level(double lambda, int c, double mu, double theta, double room) {
  std::vector<double> p{1.0};
  double total = 1;
  for (int n = 1; n < 1000000; ++n) {
    if (n - c > room) break;
    const double death = std::min(n, c) * mu + std::max(n - c, 0) * theta;
    p.push_back(p.back() * lambda / death);
    total += p.back();
    if (n > c && p.back() < 1e-16 * total) break;
  }
  QueueLevel q;
  q.bounded = true;
  double queued = 0;
  for (std::size_t n = 0; n < p.size(); ++n)
    queued += std::max(0.0, static_cast<double>(n) - c) * p[n] / total;
  const bool full = static_cast<double>(p.size() - 1) - c >= room;
  q.queue = queued;
  q.gave_up_per_s = theta * queued + (full ? lambda * p.back() / total : 0.0);
  q.method = "Erlang A (M/M/c+M) at the day's average rates";
  return q;
}

}  // namespace

QueueLevel queue_level(const std::vector<Waiting>& flows, int servers, double capacity_per_s,
                       double room) {
  double lambda = 0;
  bool all_balk = true, none_leave = true, exponential = true;
  double balk_room = 0, patience_mean = -1;
  for (const Waiting& w : flows) {
    if (!(w.rate_per_s > 0)) continue;
    lambda += w.rate_per_s;
    const Behaviour* b = w.behaviour;
    const bool balks = w.can_balk && b && b->balk_road_queue > 0;
    all_balk = all_balk && balks;
    if (balks) balk_room = std::max(balk_room, static_cast<double>(b->balk_road_queue));
    none_leave = none_leave && !w.gives_up();
    const bool exp_patience = b && b->patience &&
                              b->patience->kind() == sim::Distribution::Kind::Exponential &&
                              !std::isfinite(w.spoils_after_s) && !balks;
    if (exp_patience && patience_mean < 0) patience_mean = b->patience->mean();
    exponential = exponential && exp_patience &&
                  std::abs(b->patience->mean() - patience_mean) <= 1e-9 * patience_mean;
  }
  if (all_balk && lambda > 0) room = std::min(room, balk_room);
  const int c = std::max(1, servers);
  if (exponential && lambda > 0)
    return erlang_a_level(lambda, c, capacity_per_s / c, 1 / patience_mean, room);
  if (none_leave && std::isfinite(room))
    return erlang_a_level(lambda, c, capacity_per_s / c, 0, room);
  // The fluid level: each flow's patience (and spoiling) as a sample of kSamples draws of its own.
  std::vector<std::pair<double, double>> samples;  // (give-up time, rate it carries)
  double never = 0;                                // rate that waits however long it takes
  const sim::RandomSource src(0, 0);
  for (std::size_t f = 0; f < flows.size(); ++f) {
    const Waiting& w = flows[f];
    if (!(w.rate_per_s > 0)) continue;
    const bool patient = !(w.behaviour && w.behaviour->patience);
    if (patient && !std::isfinite(w.spoils_after_s)) {
      never += w.rate_per_s;
      continue;
    }
    for (int i = 0; i < kSamples; ++i) {
      double t = w.spoils_after_s;
      if (!patient) {
        sim::Uniforms u = src.at(kPatienceSampleStream, static_cast<std::uint32_t>(f),
                                 static_cast<std::uint32_t>(i));
        t = std::min(t, w.behaviour->patience->sample(u));
      }
      samples.emplace_back(std::max(0.0, t), w.rate_per_s / kSamples);
    }
  }
  std::sort(samples.begin(), samples.end());
  QueueLevel q;
  q.method = "fluid approximation (rate x E[min(patience, wait)])";
  q.gave_up_per_s = lambda - capacity_per_s;
  // Still waiting at w: `never` plus the samples above w. Find the w where that is the capacity.
  double waiting = lambda, wait = std::numeric_limits<double>::infinity();
  for (const auto& [t, r] : samples) {
    waiting -= r;
    if (waiting <= capacity_per_s) {
      wait = t;
      break;
    }
  }
  if (std::isfinite(wait)) {
    q.bounded = true;
    for (const auto& [t, r] : samples) q.queue += r * std::min(t, wait);
    q.queue += never * wait;
  }
  if (std::isfinite(room) && (!q.bounded || q.queue > room)) {
    q.bounded = true;
    q.queue = room;
    q.method += ", capped by the room on the road";
  }
  return q;
}

}  // namespace models
