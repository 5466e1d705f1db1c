#include "models/service.hpp"

#include <algorithm>

#include "sim/philox.hpp"

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

MemberDraws draw_members(const PlannedStop& stop, const VehicleKey& v,
                         const sim::RandomSource& rnd) {
  MemberDraws out{};
  for (std::size_t i = 0; i < stop.members.size(); ++i) {
    const StopMember& m = stop.members[i];
    const Stage& g = *m.stage;
    MemberDraw& d = out[i];
    d = MemberDraw{};
    const std::uint32_t stream = m.key ^ v.salt;
    if (!serves(g, v.cargo)) continue;
    if ((v.skip_kinds & kind_bit(g.kind_code)) != 0) continue;  // done before arrival
    if (g.probability < 1.0 && rnd.uniform(kApplyStream ^ stream, v.serial, 0) >= g.probability)
      continue;
    d.serves = true;
    d.service_s = member_service(g, stream, v, rnd);
    if (g.hold_probability > 0 || g.reject_probability > 0) {
      const double x = rnd.uniform(kOutcomeStream ^ stream, v.serial, 0);
      if (x < g.reject_probability) {
        d.rejected = true;
      } else if (x < g.reject_probability + g.hold_probability) {
        sim::Uniforms hu = rnd.at(kHoldStream ^ stream, v.serial, 0);
        d.hold_s = g.hold_delay.sample(hu);
      }
    }
  }
  return out;
}

StopDraw combine(const PlannedStop& stop, const MemberDraws& members) {
  StopDraw d;
  double longest = 0, sum = 0;
  for (std::size_t i = 0; i < stop.members.size(); ++i) {
    const MemberDraw& m = members[i];
    if (!m.serves) continue;
    d.visits = true;
    longest = std::max(longest, m.service_s);
    sum += m.service_s;
    d.rejected = d.rejected || m.rejected;
    d.hold_s = std::max(d.hold_s, m.hold_s);
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

StopDraw draw_stop(const PlannedStop& stop, const VehicleKey& v, const sim::RandomSource& rnd) {
  return combine(stop, draw_members(stop, v, rnd));
}

StopExpectation expected_stop(const PlannedStop& stop, int cargo, std::uint32_t skip_kinds,
                              std::uint32_t samples) {
  StopExpectation e;
  const std::size_t n = stop.members.size();
  e.member_share.assign(n, 0);
  e.member_mean_s.assign(n, 0);
  auto skipped = [&](const Stage& g) { return (skip_kinds & kind_bit(g.kind_code)) != 0; };
  if (n > 1 && stop.rule == JointRule::Max) {
    // E[max] has no closed form from the members' means: average the simulation's own draws.
    const sim::RandomSource rnd(sim::kDefaultSeed, 0);
    double visits = 0, work = 0, rejected = 0;
    for (std::uint32_t i = 0; i < samples; ++i) {
      const VehicleKey key{cargo, kAnalysisSalt, i, skip_kinds};
      const MemberDraws m = draw_members(stop, key, rnd);
      const StopDraw d = combine(stop, m);
      visits += d.visits;
      work += d.service_s;
      rejected += d.rejected;
      for (std::size_t k = 0; k < n; ++k)
        if (m[k].serves) {
          e.member_share[k] += 1;
          e.member_mean_s[k] += m[k].service_s;
        }
    }
    for (std::size_t k = 0; k < n; ++k) {
      if (e.member_share[k] > 0) e.member_mean_s[k] /= e.member_share[k];
      e.member_share[k] = visits > 0 ? e.member_share[k] / visits : 0;
    }
    e.visit_share = visits / samples;
    e.mean_service_s = visits > 0 ? work / visits : 0;
    e.reject_share = rejected / samples;
    return e;
  }
  // Members apply independently; the service is their sum (times the factor) or, for one member,
  // its own time. P(visit) = 1 - prod(1 - p_i); E[service | visit] = sum p_i m_i / P(visit).
  double none = 1, work = 0, kept = 1;
  for (std::size_t k = 0; k < n; ++k) {
    const Stage& g = *stop.members[k].stage;
    if (!serves(g, cargo) || skipped(g)) continue;
    none *= 1 - g.probability;
    e.member_share[k] = g.probability;
    e.member_mean_s[k] = mean_service(g, cargo);
    work += g.probability * e.member_mean_s[k];
    kept *= 1 - g.probability * g.reject_probability;
  }
  if (n > 1 && stop.rule == JointRule::Factor) work *= stop.factor;
  e.visit_share = 1 - none;
  for (double& s : e.member_share) s = e.visit_share > 0 ? s / e.visit_share : 0;
  e.mean_service_s = e.visit_share > 0 ? work / e.visit_share : 0;
  e.reject_share = 1 - kept;
  return e;
}

double free_flow_border_s(const Scenario& sc, const Plan& plan, std::size_t crossing,
                          bool export_dir, int cargo) {
  const CrossingRoute& r = plan.route(crossing, export_dir);
  const Crossing& cr = sc.crossings[crossing];
  double t = cr.bridge.mean();
  for (const auto* stops : {&r.exit_stops, &r.entry_stops})
    for (std::size_t st : *stops) {
      const StopExpectation e = expected_stop(plan.stop(st), cargo, 0, kFreeFlowSamples);
      t += e.visit_share * e.mean_service_s;
    }
  if (cargo >= 0) t += cr.transship_share * cr.transship_time.mean();
  return t;
}

}  // namespace models
