#include "sim/simulation.hpp"

#include <algorithm>
#include <cassert>
#include <new>
#include <sstream>

namespace sim {

namespace {
std::string failure_message(const std::string& process, std::uint64_t entity, double time,
                            const std::string& what) {
  std::ostringstream os;
  os << "process '" << process << "' (entity " << entity << ") failed at t=" << time
     << " s: " << what;
  return os.str();
}
}  // namespace

ProcessFailure::ProcessFailure(std::string process, std::uint64_t entity, double time,
                               std::string what)
    : std::runtime_error(failure_message(process, entity, time, what)),
      process_(std::move(process)),
      entity_(entity),
      time_(time),
      cause_(std::move(what)) {}

Simulation::Simulation(std::uint64_t seed, std::uint32_t replication) : random_(seed, replication) {
  warmup_.s = this;
  warmup_.fire = [](Action* a) { static_cast<WarmupAction*>(a)->s->reset_stats(); };
}

Simulation::~Simulation() {
  shutdown();
}

Alarm* Simulation::arm(double t, Alarm::Callback callback, void* context) {
  Alarm* a = free_alarms_;
  if (a) {
    free_alarms_ = a->next_free_;
  } else {
    a = &alarms_.emplace_back();
    a->sim_ = this;
    a->fire = [](Action* act) {
      Alarm* al = static_cast<Alarm*>(act);
      const Alarm::Callback cb = al->callback_;
      void* ctx = al->context_;
      Simulation* s = al->sim_;
      al->callback_ = nullptr;
      al->next_free_ = s->free_alarms_;  // recycled before the callback, which may arm again
      s->free_alarms_ = al;
      if (cb) cb(ctx);
    };
  }
  a->callback_ = callback;
  a->context_ = context;
  schedule(t < now_ ? now_ : t, Tier::Normal, a);
  return a;
}

void Simulation::check_guards() const {
  if (cancel_ && cancel_->load(std::memory_order_relaxed)) throw Cancelled();
  if (pending_events() > max_pending_)
    throw LimitExceeded(
        "more than " + std::to_string(max_pending_) +
        " events pending at t = " + std::to_string(now_) +
        " s: the model schedules far more than it resolves (arrivals far beyond what can be "
        "served?); stopped before memory runs out");
}

void Simulation::run_until(double horizon) {
  if (tearing_down_) return;
  stop_requested_ = false;
  constexpr double kNever = std::numeric_limits<double>::infinity();
  while (!stop_requested_) {
    std::uintptr_t payload;
    // Order at one instant: the set's entries at now() (calendar tier, or ordinary ones pushed
    // before the clock got here), then the ready ring, then the set's later entries.
    if (next_t_ == now_ || ready_.empty()) {
      if (events_.empty() || next_t_ > horizon) break;
      EventEntry e = events_.pop();
      next_t_ = events_.empty() ? kNever : events_.top().t;
      payload = e.payload;
      assert(e.t >= now_ && "time went back");
      now_ = e.t;
    } else {
      payload = ready_.pop();
    }
    ++events_processed_;
    if ((events_processed_ & (kGuardInterval - 1)) == 0) check_guards();
    dispatch(payload);
  }
  if (failure_) {
    std::string what;
    try {
      std::rethrow_exception(failure_);
    } catch (const std::bad_alloc&) {
      failure_ = nullptr;
      throw;  // out of memory is the run's condition, not the process's: the caller reports it
    } catch (const std::exception& ex) {
      what = ex.what();
    } catch (...) {
      what = "unknown exception";
    }
    failure_ = nullptr;
    throw ProcessFailure(failure_name_, failure_id_, failure_time_, what);
  }
  if (!stop_requested_ && horizon != std::numeric_limits<double>::infinity() && now_ < horizon)
    now_ = horizon;
}

void Simulation::shutdown() {
  tearing_down_ = true;
  while (live_head_) {
    detail::PromiseBase* p = live_head_;
    live_head_ = p->next;
    if (live_head_) live_head_->prev = nullptr;
    --live_count_;
    std::coroutine_handle<>::from_address(p->frame).destroy();
  }
  events_.clear();
  ready_.clear();
  next_t_ = std::numeric_limits<double>::infinity();
}

void Simulation::unregister_stats(StatsOwner* s) {
  auto it = std::find(stats_owners_.begin(), stats_owners_.end(), s);
  if (it != stats_owners_.end()) stats_owners_.erase(it);
}

void Simulation::reset_stats() {
  stats_start_ = now_;
  for (StatsOwner* s : stats_owners_) s->reset_stats(now_);
}

void Simulation::set_warmup(double t) {
  schedule(t, Tier::Calendar, &warmup_);
}

}  // namespace sim
