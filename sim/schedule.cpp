#include "sim/schedule.hpp"

#include <algorithm>
#include <stdexcept>

namespace sim {

void CapacitySchedule::add(double t, int servers) {
  if (!steps_.empty() && t < steps_.back().t)
    throw std::invalid_argument("capacity schedule: a step before the previous one");
  if (servers < 0) throw std::invalid_argument("capacity schedule: negative servers");
  steps_.push_back(CapacityStep{t, servers});
}

std::ptrdiff_t CapacitySchedule::step_at(double t) const {
  const auto it = std::upper_bound(steps_.begin(), steps_.end(), t,
                                   [](double x, const CapacityStep& s) { return x < s.t; });
  return (it - steps_.begin()) - 1;
}

int CapacitySchedule::at(double t) const {
  const std::ptrdiff_t k = step_at(t);
  return k < 0 ? 0 : steps_[static_cast<std::size_t>(k)].servers;
}

double CapacitySchedule::server_seconds(double from, double to) const {
  double total = 0;
  for (std::size_t k = 0; k < steps_.size(); ++k) {
    if (steps_[k].servers == 0) continue;
    const double a = std::max(steps_[k].t, from);
    const double b = std::min(
        k + 1 < steps_.size() ? steps_[k + 1].t : std::numeric_limits<double>::infinity(), to);
    if (b > a) total += (b - a) * steps_[k].servers;
  }
  return total;
}

Process follow(Simulation& s, std::vector<Following> members) {
  if (members.empty()) co_return;
  const std::vector<CapacityStep>& clock = members.front().schedule->steps();
  for (const Following& m : members) {
    const std::vector<CapacityStep>& steps = m.schedule->steps();
    bool same = steps.size() == clock.size();
    for (std::size_t k = 0; same && k < steps.size(); ++k) same = steps[k].t == clock[k].t;
    if (!same) throw std::invalid_argument("follow: schedules with different step times");
  }
  for (std::size_t k = 0; k < clock.size(); ++k) {
    if (clock[k].t != CapacitySchedule::kFromStart) co_await s.until(clock[k].t, Tier::Calendar);
    for (const Following& m : members) m.resource->set_capacity(m.schedule->steps()[k].servers);
  }
}

}  // namespace sim
