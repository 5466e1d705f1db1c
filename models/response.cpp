// Demand that responds (issue 23): a due load's shipper looks at what its gate announces (the
// backlog, or the border-crossing time, published at a rhythm and seen with a delay) and at the
// dated notices that name its cargo and gate, and sends the load, holds it at the origin,
// cancels it or sends it another way. Nothing here reads a queue as it is now: the backlog a
// shipper sees is the count at the last publication it can see. A flow with no response and no
// notice never comes here, so its draws and events are those of a run without the mechanism.
#include <algorithm>
#include <cmath>

#include "models/model.hpp"
#include "sim/philox.hpp"

namespace models {

namespace {

// Draw purposes, mixed with the flow's salt: a load's threshold (index 0) and action (index 1);
// its compliance with notice k (index k).
constexpr std::uint32_t kResponseStream = sim::stream_id("response");
constexpr std::uint32_t kNoticeStream = sim::stream_id("notice");

}  // namespace

void BorderModel::prepare_response() {
  const std::size_t n = sc_.flows.size();
  responding_.assign(n, false);
  notices_of_.assign(n, {});
  published_.assign(n, {});
  double reach = 0;
  bool wait = false;
  for (std::size_t fi = 0; fi < n; ++fi) {
    const Flow& f = sc_.flows[fi];
    for (std::size_t k = 0; k < sc_.notices.size(); ++k) {
      const std::size_t c = sc_.notices[k].crossing;
      if (!f.empty && std::all_of(f.routes.begin(), f.routes.end(),
                                  [&](const Route& r) { return r.passes(c); }))
        notices_of_[fi].push_back(k);
    }
    responding_[fi] = f.response.has_value() || !notices_of_[fi].empty();
    if (f.response && f.response->on == Response::On::Wait) {
      wait = true;
      reach = std::max(reach, f.response->delay_s + f.response->window_s + f.response->every_s);
    }
  }
  if (wait) {
    if (announcers_.empty())
      announcers_.assign(2 * sc_.crossings.size(), Announcer(reach));
    else
      for (Announcer& a : announcers_) a.widen(reach);
  }
  announcing_ = !announcers_.empty();
}

sim::Process BorderModel::publisher(std::size_t fi) {
  sim::Simulation& s = *sim_;
  const Flow& f = sc_.flows[fi];
  const Response& r = *f.response;
  const std::size_t dir = backlog_column(r.gate, f.export_direction);
  for (std::size_t k = 0;; ++k) {
    const double t = static_cast<double>(k) * r.every_s;
    if (t > sc_.horizon_s) co_return;
    co_await s.until(t, sim::Tier::Calendar);  // before the arrivals of that instant
    published_[fi].push_back(backlog_[dir]);
  }
}

std::optional<double> BorderModel::announced(std::size_t fi) const {
  const Flow& f = sc_.flows[fi];
  const Response& r = *f.response;
  const double now = sim_->now();
  if (r.on == Response::On::Wait)
    return announcers_[backlog_column(r.gate, f.export_direction)].seen_at(now, r.every_s,
                                                                           r.delay_s, r.window_s);
  const double since = now - r.delay_s;
  const std::vector<double>& pub = published_[fi];
  if (since < 0 || pub.empty()) return std::nullopt;
  const auto k = static_cast<std::size_t>(std::floor(since / r.every_s));
  return pub[std::min(k, pub.size() - 1)];
}

BorderModel::Dispatch BorderModel::decide(const Vehicle& v, double due) const {
  using What = Dispatch::What;
  const double now = sim_->now();
  const Flow& f = sc_.flows[v.flow];
  const sim::RandomSource& random = sim_->random();
  if (v.key.cargo >= 0 && !notices_of_[v.flow].empty()) {
    const long today = sc_.local_day(now, sc_.utc_offset_s);
    for (std::size_t k : notices_of_[v.flow]) {
      const Notice& n = sc_.notices[k];
      if (!n.dates.contains(today) || !n.cargo[static_cast<std::size_t>(v.key.cargo)]) continue;
      if (!(random.uniform(kNoticeStream ^ v.key.salt, v.key.serial,
                           static_cast<std::uint32_t>(k)) < n.compliance))
        continue;
      if (n.cancel) return {What::Cancel, 0, true};
      return {What::Hold, sc_.sim_time(n.dates.to + 1, 0, sc_.utc_offset_s), true};
    }
  }
  if (!f.response) return {};
  const Response& r = *f.response;
  const std::optional<double> figure = announced(v.flow);
  if (!figure) return {};
  sim::Uniforms tu = random.at(kResponseStream ^ v.key.salt, v.key.serial, 0);
  if (!(*figure > r.threshold.sample(tu))) return {};
  const double u = random.uniform(kResponseStream ^ v.key.salt, v.key.serial, 1);
  if (u >= r.action[Response::Defer] + r.action[Response::Cancel]) return {What::Divert};
  if (u >= r.action[Response::Defer]) return {What::Cancel};
  // Compared as instants (the hold ends at due + hold_max exactly), never as a difference,
  // which rounding can leave a hair short of hold_max at that instant.
  const double hold_end = due + r.hold_max_s;
  if (now >= hold_end) return {r.cancel_after_hold ? What::Cancel : What::Go};
  return {What::Hold, std::min(now + r.recheck_s, hold_end)};
}

void BorderModel::dispatch(Vehicle v) {
  const Dispatch d = decide(v, sim_->now());
  if (d.what != Dispatch::What::Hold) {
    act(v, d, sim_->now());
    return;
  }
  records_.set_holding(v.record, true);
  VehicleRecord& r = records_[v.record];
  r.response = Responded::Deferred;
  r.by_notice = d.by_notice;
  sim_->start(holding(v, d), "holding", r.id);
}

sim::Process BorderModel::holding(Vehicle v, Dispatch d) {
  sim::Simulation& s = *sim_;
  const double due = records_[v.record].arrival_s;
  while (d.what == Dispatch::What::Hold) {
    co_await s.until(d.until);
    d = decide(v, due);
    records_[v.record].by_notice = records_[v.record].by_notice || d.by_notice;
  }
  records_.set_holding(v.record, false);
  act(v, d, due);
}

void BorderModel::act(Vehicle v, const Dispatch& d, double due) {
  using What = Dispatch::What;
  const double now = sim_->now();
  VehicleRecord& r = records_[v.record];
  r.held_s = now - due;
  r.by_notice = r.by_notice || d.by_notice;
  if (d.what == What::Cancel) {
    r.response = Responded::Cancelled;
    records_.close(v.record, Outcome::Cancelled, now);
    return;
  }
  if (d.what == What::Divert) {
    r.response = Responded::Diverted;
    const int to = sc_.flows[v.flow].response->divert_to;
    if (to < 0) {
      records_.close(v.record, Outcome::Diverted, now);
      return;
    }
    v.route = static_cast<std::uint16_t>(to);
    v.fixed_route = true;
    r.route = v.route;
  }
  r.arrival_s = now;  // it sets out now
  sim_->start(truck(v), "truck", r.id);
}

}  // namespace models
