// The simulation kernel: a clock, the pending-event set, and C++20 coroutine processes.
//
//   sim::Process customer(sim::Simulation& s, sim::Resource& desk) {
//     auto server = co_await desk.request();     // RAII: leaving scope frees the server
//     co_await s.timeout(300.0);
//   }
//   s.start(customer(s, desk), "customer", 17);
//
// Invariants kept here:
//  - time never goes back: every popped event has t >= now();
//  - events at the same instant run by tier, then in scheduling order (FIFO);
//  - a started process runs at once until its first suspension (like a function call), then only
//    ever resumes from the event set, so no suspended frame is re-entered from another frame;
//  - every started top-level process is on an intrusive live list until it finishes, so a run
//    stopped early destroys every frame (and with it every RAII guard) exactly once;
//  - an exception escaping a process stops the run; run() rethrows it as ProcessFailure naming
//    the process, its entity id and the simulated time.
#pragma once

#include <atomic>
#include <cassert>
#include <coroutine>
#include <cstdint>
#include <deque>
#include <exception>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "sim/event_set.hpp"
#include "sim/frame_pool.hpp"
#include "sim/random.hpp"
#include "sim/stop.hpp"  // Cancelled
#include "sim/time.hpp"

namespace sim {

class Simulation;

// A scheduled callback: embed one in your own struct and schedule a pointer to it. Preallocated
// and reused, like OMNeT++'s self-messages, so scheduling costs no allocation.
struct Action {
  void (*fire)(Action*) = nullptr;
};

// A one-shot callback at a given time that its owner may disarm at any moment before it rings
// (a patience that ran out after the truck was served, a deadline that no longer matters). A
// disarmed alarm still pops from the event set but does nothing (so a run without a horizon may
// end at its time): disarming is O(1) and needs no cancellation bookkeeping. Alarms live in their
// Simulation and are recycled after ringing.
class Alarm : public Action {
 public:
  using Callback = void (*)(void* context);

 private:
  friend class Simulation;
  Callback callback_ = nullptr;
  void* context_ = nullptr;
  Alarm* next_free_ = nullptr;
  class Simulation* sim_ = nullptr;
};

// Something with statistics that a warm-up truncation resets.
class StatsOwner {
 public:
  virtual void reset_stats(double now) = 0;

 protected:
  ~StatsOwner() = default;
};

// Thrown by run_until when a memory guard trips: the run would otherwise grow until the machine
// runs out. The message names the limit and the simulated time.
class LimitExceeded : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ProcessFailure : public std::runtime_error {
 public:
  ProcessFailure(std::string process, std::uint64_t entity, double time, std::string what);
  const std::string& process() const { return process_; }
  std::uint64_t entity() const { return entity_; }
  double time() const { return time_; }
  const std::string& cause() const { return cause_; }

 private:
  std::string process_;
  std::uint64_t entity_;
  double time_;
  std::string cause_;
};

namespace detail {

struct PromiseBase {
  Simulation* sim = nullptr;
  const char* name = "process";
  std::uint64_t id = 0;
  std::exception_ptr error;
  std::coroutine_handle<> continuation;  // the parent awaiting this one, if any
  void* frame = nullptr;                 // set for top-level processes
  PromiseBase* prev = nullptr;           // live list links (top level only)
  PromiseBase* next = nullptr;
};

// Links an awaited sub-process (Process or Task) to the frame awaiting it: it runs under the
// parent's simulation, name and entity id, and resumes the parent when it finishes.
inline void link_child(PromiseBase& child, const PromiseBase& parent,
                       std::coroutine_handle<> parent_handle) {
  child.sim = parent.sim;
  child.name = parent.name;
  child.id = parent.id;
  child.continuation = parent_handle;
}

template <class T>
concept HasSim = requires(T& t) {
  { t.sim() } -> std::convertible_to<Simulation&>;
};

// Finds the simulation among a coroutine's arguments: a Simulation& parameter, or (for member
// coroutines) an object with sim(). Its frame comes from that simulation's pool.
template <class A, class... R>
Simulation& find_sim(A& a, R&... rest) {
  using D = std::remove_cvref_t<A>;
  if constexpr (std::is_base_of_v<Simulation, D>) {
    return a;
  } else if constexpr (std::is_pointer_v<D> &&
                       std::is_base_of_v<Simulation, std::remove_pointer_t<D>>) {
    return *a;
  } else if constexpr (HasSim<D>) {
    return a.sim();
  } else {
    static_assert(sizeof...(R) > 0,
                  "a sim::Process coroutine needs a Simulation& (or an object with sim()) "
                  "among its parameters");
    return find_sim(rest...);
  }
}

}  // namespace detail

class [[nodiscard]] Process {
 public:
  struct promise_type;
  using Handle = std::coroutine_handle<promise_type>;

  struct FinalAwaiter {
    bool await_ready() const noexcept { return false; }
    std::coroutine_handle<> await_suspend(Handle h) noexcept;
    void await_resume() const noexcept {}
  };

  struct promise_type : detail::PromiseBase {
    template <class... A>
    [[gnu::always_inline]] static void* operator new(std::size_t n, A&... args) {
      return detail::find_sim(args...).frame_pool().allocate(n);
    }
    [[gnu::always_inline]] static void operator delete(void* p) noexcept {
      FramePool::deallocate(p);
    }

    Process get_return_object() noexcept { return Process(Handle::from_promise(*this)); }
    std::suspend_always initial_suspend() const noexcept { return {}; }
    FinalAwaiter final_suspend() const noexcept { return {}; }
    void return_void() const noexcept {}
    void unhandled_exception() noexcept { error = std::current_exception(); }
  };

  // Awaiting a Process runs it as a sub-process: the parent resumes when it finishes, and an
  // exception it threw is rethrown in the parent. The child shares the parent's name and id.
  struct ChildAwaiter {
    Handle child;
    ~ChildAwaiter() {
      if (child) child.destroy();
    }
    ChildAwaiter(Handle h) : child(h) {}
    ChildAwaiter(const ChildAwaiter&) = delete;
    ChildAwaiter& operator=(const ChildAwaiter&) = delete;
    bool await_ready() const noexcept { return false; }
    // The parent may be a Process or a Task (sim/task.hpp): any promise built on PromiseBase.
    template <class P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> parent) noexcept {
      detail::link_child(child.promise(), parent.promise(), parent);
      return child;
    }
    void await_resume() const {
      if (child.promise().error) std::rethrow_exception(child.promise().error);
    }
  };

  Process() = default;
  Process(Process&& o) noexcept : h_(std::exchange(o.h_, {})) {}
  Process& operator=(Process&& o) noexcept {
    if (this != &o) {
      if (h_) h_.destroy();
      h_ = std::exchange(o.h_, {});
    }
    return *this;
  }
  ~Process() {
    if (h_) h_.destroy();
  }

  ChildAwaiter operator co_await() && noexcept { return ChildAwaiter(std::exchange(h_, {})); }
  Handle release() noexcept { return std::exchange(h_, {}); }
  explicit operator bool() const noexcept { return static_cast<bool>(h_); }

 private:
  explicit Process(Handle h) : h_(h) {}
  Handle h_;
};

class Simulation {
 public:
  static constexpr std::uint64_t kDefaultSeed = sim::kDefaultSeed;

  explicit Simulation(std::uint64_t seed = kDefaultSeed, std::uint32_t replication = 0);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  double now() const { return now_; }
  std::uint64_t seed() const { return random_.seed(); }
  std::uint32_t replication() const { return random_.replication(); }
  const RandomSource& random() const { return random_; }
  FramePool& frame_pool() { return frames_; }

  // ---- scheduling ------------------------------------------------------------------------
  // An event cannot be cancelled: an owner that may change its mind arms an Alarm (below) or
  // has its Action check its own state when it fires.
  void schedule(double t, Tier tier, Action* action) {
    push(t, tier, reinterpret_cast<std::uintptr_t>(action) | 1u);
  }
  void schedule_resume(double t, Tier tier, std::coroutine_handle<> h) {
    push(t, tier, reinterpret_cast<std::uintptr_t>(h.address()));
  }
  // Rings `callback(context)` at time t (tier Normal) unless disarmed first. The alarm stays valid
  // until it rings or the simulation ends; disarm it at most once, and never after it rang.
  Alarm* arm(double t, Alarm::Callback callback, void* context);
  static void disarm(Alarm* a) { a->callback_ = nullptr; }

  struct Delay {
    Simulation* s;
    double t;
    Tier tier;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) const { s->schedule_resume(t, tier, h); }
    void await_resume() const noexcept {}
  };
  // Suspends for dt seconds. timeout(0) still yields to the other events of this instant.
  Delay timeout(double dt) { return Delay{this, now_ + dt, Tier::Normal}; }
  // Suspends until time t (at once if t is past). Calendar processes (opening hours, shifts)
  // pass Tier::Calendar so their change precedes everything else at that instant.
  Delay until(double t, Tier tier = Tier::Normal) { return Delay{this, t < now_ ? now_ : t, tier}; }

  // ---- processes -------------------------------------------------------------------------
  // Takes ownership and runs the process at once until its first suspension. `name` must
  // outlive the process (use a string literal or a name owned by the model).
  void start(Process p, const char* name, std::uint64_t id = 0);
  std::size_t live_processes() const { return live_count_; }

  // ---- running ---------------------------------------------------------------------------
  void run() { run_until(std::numeric_limits<double>::infinity()); }
  // Runs every event with t <= horizon, then sets the clock to the horizon (if it was finite
  // and the run was not stopped). Rethrows a process failure as ProcessFailure.
  void run_until(double horizon);
  void stop() { stop_requested_ = true; }
  // Guards of a long run, checked every kGuardInterval events whatever the simulated time does
  // (a zero-time loop still stops): once `cancel` is set, run_until throws Cancelled; once more
  // than `max_pending` events are pending, it throws LimitExceeded. Until watch() is called, a
  // simulation watches the stop flag of the thread that built it (sim::StopScope), if any.
  static constexpr std::uint64_t kGuardInterval = 4096;
  static constexpr std::size_t kDefaultMaxPending = std::size_t{1} << 26;  // ~1.6 GiB of entries
  void watch(const std::atomic<bool>* cancel, std::size_t max_pending = kDefaultMaxPending) {
    cancel_ = cancel;
    max_pending_ = max_pending;
  }
  // Destroys every live process (their RAII guards release nothing: the run is over) and drops
  // all pending events. Idempotent; the destructor calls it.
  void shutdown();
  bool tearing_down() const { return tearing_down_; }

  std::uint64_t events_processed() const { return events_processed_; }
  std::size_t pending_events() const { return events_.size() + ready_.size(); }

  // ---- statistics ------------------------------------------------------------------------
  void register_stats(StatsOwner* s) { stats_owners_.push_back(s); }
  void unregister_stats(StatsOwner* s);
  void reset_stats();
  // Resets every registered statistic at time t, before any other event of that instant.
  void set_warmup(double t);
  double stats_start() const { return stats_start_; }

 private:
  friend struct Process::FinalAwaiter;

  // Out of line on purpose: inlined into every coroutine that schedules, it bloats them and
  // measured ~8 % slower on WL-MMC4 (bench/bench_engine.cpp).
  [[gnu::noinline]] void push(double t, Tier tier, std::uintptr_t payload) {
    if (t == now_ && tier == Tier::Normal) {
      ready_.push(payload);
    } else {
      events_.push(EventEntry{t, EventEntry::make_order(tier, next_seq_++), payload});
      if (t < next_t_) next_t_ = t;
    }
  }
  void dispatch(std::uintptr_t payload) {
    if (payload & 1u) {
      Action* a = reinterpret_cast<Action*>(payload & ~std::uintptr_t{1});
      a->fire(a);
    } else {
      std::coroutine_handle<>::from_address(reinterpret_cast<void*>(payload)).resume();
    }
  }
  void check_guards() const;
  void process_finished(detail::PromiseBase& p) noexcept;

  struct WarmupAction : Action {
    Simulation* s = nullptr;
  };

  // Ordinary events scheduled for the current instant (a granted server, a triggered event,
  // timeout(0)) skip the event set: they go to this FIFO ring. The order stays exactly that of
  // (time, tier, seq): every entry already in the set at time now() was pushed before the clock
  // reached now() (so comes earlier in scheduling order) or is a calendar event, and both run
  // first; entries in the set at later times run after. See run_until. The ring needs no seq:
  // its order is its insertion order.
  class ReadyRing {
   public:
    void push(std::uintptr_t payload) {
      if (size_ == buf_.size()) grow();
      buf_[(head_ + size_) & (buf_.size() - 1)] = payload;
      ++size_;
    }
    bool empty() const { return size_ == 0; }
    std::size_t size() const { return size_; }
    std::uintptr_t pop() {
      const std::uintptr_t payload = buf_[head_];
      head_ = (head_ + 1) & (buf_.size() - 1);
      --size_;
      return payload;
    }
    void clear() { head_ = size_ = 0; }

   private:
    using Item = std::uintptr_t;
    void grow() {
      std::vector<Item> bigger(buf_.empty() ? 64 : 2 * buf_.size());
      for (std::size_t i = 0; i < size_; ++i) bigger[i] = buf_[(head_ + i) & (buf_.size() - 1)];
      buf_ = std::move(bigger);
      head_ = 0;
    }
    std::vector<Item> buf_;
    std::size_t head_ = 0, size_ = 0;
  };

  FramePool frames_;  // declared first: destroyed last, after every frame is gone
  DefaultEventSet events_;
  ReadyRing ready_;
  double next_t_ = std::numeric_limits<double>::infinity();  // earliest time in events_
  RandomSource random_;
  double now_ = 0.0;
  std::uint64_t next_seq_ = 0;  // scheduling order of the set's entries (ties at equal t, tier)
  std::uint64_t events_processed_ = 0;
  detail::PromiseBase* live_head_ = nullptr;
  std::size_t live_count_ = 0;
  bool stop_requested_ = false;
  const std::atomic<bool>* cancel_ = stop_flag();  // the constructing thread's (sim/stop.hpp)
  std::size_t max_pending_ = kDefaultMaxPending;
  bool tearing_down_ = false;
  // First failure of a process, reported by run_until.
  std::exception_ptr failure_;
  std::string failure_name_;
  std::uint64_t failure_id_ = 0;
  double failure_time_ = 0.0;
  std::vector<StatsOwner*> stats_owners_;
  WarmupAction warmup_;
  std::deque<Alarm> alarms_;  // stable addresses; recycled through free_alarms_
  Alarm* free_alarms_ = nullptr;
  double stats_start_ = 0.0;
};

// Inline: they run once per process, on the hot path of every vehicle.
inline void Simulation::start(Process p, const char* name, std::uint64_t id) {
  Process::Handle h = p.release();
  assert(h && "starting an empty process");
  Process::promise_type& pr = h.promise();
  pr.sim = this;
  pr.name = name;
  pr.id = id;
  pr.frame = h.address();
  pr.prev = nullptr;
  pr.next = live_head_;
  if (live_head_) live_head_->prev = &pr;
  live_head_ = &pr;
  ++live_count_;
  h.resume();
}

inline void Simulation::process_finished(detail::PromiseBase& p) noexcept {
  if (p.prev)
    p.prev->next = p.next;
  else
    live_head_ = p.next;
  if (p.next) p.next->prev = p.prev;
  --live_count_;
  if (p.error && !failure_ && !tearing_down_) {
    failure_ = p.error;
    failure_name_ = p.name;
    failure_id_ = p.id;
    failure_time_ = now_;
    stop_requested_ = true;
  }
}

inline std::coroutine_handle<> Process::FinalAwaiter::await_suspend(Handle h) noexcept {
  promise_type& p = h.promise();
  if (p.continuation) return p.continuation;  // the parent owns and destroys this frame
  p.sim->process_finished(p);
  h.destroy();
  return std::noop_coroutine();
}

}  // namespace sim
