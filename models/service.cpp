#include "models/service.hpp"

#include <algorithm>

namespace models {

namespace {

// Draw purposes; mixed with the member stage's key and the flow's salt.
constexpr std::uint32_t kApplyStream = sim::stream_id("applies");
constexpr std::uint32_t kChannelStream = sim::stream_id("channel");
constexpr std::uint32_t kServiceStream = sim::stream_id("service");
constexpr std::uint32_t kOutcomeStream = sim::stream_id("outcome");
constexpr std::uint32_t kHoldStream = sim::stream_id("hold");
constexpr std::uint32_t kAnalysisSalt = sim::stream_id("analysis");

double member_service(const Stage& st, std::uint32_t stream, const VehicleKey& v,
                      const sim::RandomSource& rnd) {
  sim::Uniforms u = rnd.at(kServiceStream ^ stream, v.serial, 0);
  if (!st.channels.empty()) {
    sim::Uniforms cu = rnd.at(kChannelStream ^ stream, v.serial, 0);
    const double x = cu.next();
    const std::vector<double>* shares = channel_shares(st, v.cargo);
    std::size_t k = 0;
    double acc = 0;
    for (; k + 1 < st.channels.size(); ++k) {
      acc += shares ? (*shares)[k] : st.channels[k].share;
      if (x < acc) break;
    }
    return st.channels[k].service.sample(u);
  }
  if (v.cargo >= 0 && st.service_by_cargo[static_cast<std::size_t>(v.cargo)])
    return st.service_by_cargo[static_cast<std::size_t>(v.cargo)]->sample(u);
  return st.service.sample(u);
}

}  // namespace

const std::vector<double>* channel_shares(const Stage& st, int cargo) {
  if (cargo >= 0 && !st.channel_shares_by_cargo.empty() &&
      !st.channel_shares_by_cargo[static_cast<std::size_t>(cargo)].empty())
    return &st.channel_shares_by_cargo[static_cast<std::size_t>(cargo)];
  return nullptr;
}

double mean_service(const Stage& st, int cargo) {
  if (!st.channels.empty()) {
    const std::vector<double>* shares = channel_shares(st, cargo);
    double m = 0;
    for (std::size_t k = 0; k < st.channels.size(); ++k)
      m += (shares ? (*shares)[k] : st.channels[k].share) * st.channels[k].service.mean();
    return m;
  }
  if (cargo >= 0 && st.service_by_cargo[static_cast<std::size_t>(cargo)])
    return st.service_by_cargo[static_cast<std::size_t>(cargo)]->mean();
  return st.service.mean();
}

StopDraw draw_stop(const PlannedStop& stop, const VehicleKey& v, const sim::RandomSource& rnd) {
  StopDraw d;
  double longest = 0, sum = 0;
  for (const StopMember& m : stop.members) {
    const Stage& g = *m.stage;
    const std::uint32_t stream = m.key ^ v.salt;
    if (!serves(g, v.cargo)) continue;
    if (g.probability < 1.0 && rnd.uniform(kApplyStream ^ stream, v.serial, 0) >= g.probability)
      continue;
    d.visits = true;
    const double t = member_service(g, stream, v, rnd);
    longest = std::max(longest, t);
    sum += t;
    if (g.hold_probability > 0 || g.reject_probability > 0) {
      const double x = rnd.uniform(kOutcomeStream ^ stream, v.serial, 0);
      if (x < g.reject_probability) {
        d.rejected = true;
      } else if (x < g.reject_probability + g.hold_probability) {
        sim::Uniforms hu = rnd.at(kHoldStream ^ stream, v.serial, 0);
        d.hold_s = std::max(d.hold_s, g.hold_delay.sample(hu));
      }
    }
  }
  d.service_s = longest;
  if (stop.members.size() > 1) {
    if (stop.rule == JointRule::Sum)
      d.service_s = sum;
    else if (stop.rule == JointRule::Factor)
      d.service_s = stop.factor * sum;
  }
  return d;
}

StopExpectation expected_stop(const PlannedStop& stop, int cargo, std::uint32_t samples) {
  StopExpectation e;
  if (stop.members.size() > 1 && stop.rule == JointRule::Max) {
    // E[max] has no closed form from the members' means: average the simulation's own draws.
    const sim::RandomSource rnd(sim::kDefaultSeed, 0);
    double visits = 0, work = 0, rejected = 0;
    for (std::uint32_t i = 0; i < samples; ++i) {
      const StopDraw d = draw_stop(stop, VehicleKey{cargo, kAnalysisSalt, i}, rnd);
      visits += d.visits;
      work += d.service_s;
      rejected += d.rejected;
    }
    e.visit_share = visits / samples;
    e.mean_service_s = visits > 0 ? work / visits : 0;
    e.reject_share = rejected / samples;
    return e;
  }
  // Members apply independently; the service is their sum (times the factor) or, for one member,
  // its own time. P(visit) = 1 - prod(1 - p_i); E[service | visit] = sum p_i m_i / P(visit).
  double none = 1, work = 0, kept = 1;
  for (const StopMember& m : stop.members) {
    const Stage& g = *m.stage;
    if (!serves(g, cargo)) continue;
    none *= 1 - g.probability;
    work += g.probability * mean_service(g, cargo);
    kept *= 1 - g.probability * g.reject_probability;
  }
  if (stop.members.size() > 1 && stop.rule == JointRule::Factor) work *= stop.factor;
  e.visit_share = 1 - none;
  e.mean_service_s = e.visit_share > 0 ? work / e.visit_share : 0;
  e.reject_share = 1 - kept;
  return e;
}

}  // namespace models
