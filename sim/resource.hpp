// Resource: c identical servers with one queue.
//
//   auto server = co_await desk.request(priority);   // a Guard; leaving scope frees the server
//
// Discipline: non-preemptive priority, lower value first, FIFO within a priority (all requests
// at the default priority give plain FIFO). Capacity may change at any time (opening hours,
// shifts, closures): raising it starts waiting jobs at once; lowering it lets busy servers finish
// their job and start no new one until busy < capacity.
//
// Invariants: busy() <= capacity() except transiently after a capacity cut (servers finishing);
// no request waits while busy() < capacity() (work-conserving); waiters are granted in
// (priority, arrival) order; a granted waiter is counted busy from the grant, and resumes in a
// scheduled event at the same instant (never re-entered from the releasing frame).
//
// Statistics, reset by Simulation::set_warmup: time-weighted queue length, busy servers and
// capacity; a tally of waits (request to grant) over the requests granted since the reset.
#pragma once

#include <coroutine>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/simulation.hpp"
#include "sim/stats.hpp"

namespace sim {

class Resource;

// The queue of several resources that serve one place together (a stop's shared queue and its
// dedicated lane): the time-weighted length and the maximum of their *sum*, which no member's
// own statistics can give (the maximum of a sum is not the sum or the larger of the maxima).
// Reset with the other statistics at the warm-up.
class QueueTotal final : public StatsOwner {
 public:
  explicit QueueTotal(Simulation& s) : sim_(&s), tw_(s.now(), 0) { s.register_stats(this); }
  ~QueueTotal() { sim_->unregister_stats(this); }
  QueueTotal(const QueueTotal&) = delete;
  QueueTotal& operator=(const QueueTotal&) = delete;
  void add(double now, double delta) { tw_.add(now, delta); }
  const TimeWeighted& stats() const { return tw_; }
  void reset_stats(double now) override { tw_.reset(now); }

 private:
  Simulation* sim_;
  TimeWeighted tw_;
};

// Holds one server of a Resource; releases it when destroyed (or at release()).
class [[nodiscard]] Guard {
 public:
  Guard() = default;
  Guard(Simulation* s, Resource* r) : sim_(s), res_(r) {}
  Guard(Guard&& o) noexcept : sim_(o.sim_), res_(std::exchange(o.res_, nullptr)) {}
  Guard& operator=(Guard&& o) noexcept {
    if (this != &o) {
      release();
      sim_ = o.sim_;
      res_ = std::exchange(o.res_, nullptr);
    }
    return *this;
  }
  Guard(const Guard&) = delete;
  Guard& operator=(const Guard&) = delete;
  ~Guard() { release(); }
  inline void release();
  bool holds() const { return res_ != nullptr; }

 private:
  Simulation* sim_ = nullptr;
  Resource* res_ = nullptr;
};

class Resource final : public StatsOwner {
 public:
  struct Waiter {
    std::coroutine_handle<> handle;
    double requested_at;
    int priority = 0;
    Waiter* next = nullptr;
    Waiter* prev = nullptr;
    Alarm* deadline = nullptr;  // request_until: disarmed when granted
    bool granted = false;
  };

  class Request {
   public:
    Request(Resource* r, int priority) : res_(r), priority_(priority) {}
    bool await_ready() { return res_->try_seize(); }
    void await_suspend(std::coroutine_handle<> h) {
      node_.handle = h;
      node_.requested_at = res_->sim_->now();
      res_->enqueue(&node_, priority_);
    }
    Guard await_resume() { return Guard(res_->sim_, res_); }

   private:
    Resource* res_;
    int priority_;
    Waiter node_;
  };

  // A request that gives up at `deadline` (reneging: a driver's patience, a load about to spoil):
  // co_await yields a Guard if a server was granted by then, std::nullopt if the waiter left the
  // queue at the deadline. A deadline already past with no server free gives up at once; an
  // infinite one never comes (then it is `request` with an optional result).
  class RequestUntil {
   public:
    RequestUntil(Resource* r, int priority, double deadline)
        : res_(r), priority_(priority), deadline_(deadline) {}
    bool await_ready() {
      node_.granted = res_->try_seize();
      return node_.granted || deadline_ <= res_->sim_->now();
    }
    void await_suspend(std::coroutine_handle<> h) {
      node_.handle = h;
      node_.requested_at = res_->sim_->now();
      res_->enqueue(&node_, priority_);
      // No deadline, no alarm: a plain request (an alarm at infinity would sit in the event set).
      if (deadline_ < std::numeric_limits<double>::infinity())
        node_.deadline = res_->sim_->arm(deadline_, &RequestUntil::give_up, this);
    }
    std::optional<Guard> await_resume() {
      if (node_.granted) return Guard(res_->sim_, res_);
      return std::nullopt;
    }

   private:
    static void give_up(void* self) {
      auto* r = static_cast<RequestUntil*>(self);
      r->res_->withdraw(&r->node_);
    }
    Resource* res_;
    int priority_;
    double deadline_;
    Waiter node_;
  };

  Resource(Simulation& s, int capacity, std::string name = "resource");
  ~Resource();
  Resource(const Resource&) = delete;
  Resource& operator=(const Resource&) = delete;

  Request request(int priority = 0) { return Request(this, priority); }
  RequestUntil request_until(double deadline, int priority = 0) {
    return RequestUntil(this, priority, deadline);
  }
  // Requests that gave up at their deadline since the last reset.
  std::uint64_t withdrawn() const { return withdrawn_; }
  void set_capacity(int c);
  // Also counts this resource's queue in `total` (which must outlive it), from now on.
  void count_queue_in(QueueTotal* total) {
    total_ = total;
    if (total_) total_->add(sim_->now(), static_cast<double>(queued_));
  }

  Simulation& sim() const { return *sim_; }
  const std::string& name() const { return name_; }
  int capacity() const { return capacity_; }
  int busy() const { return busy_; }
  std::size_t queue_length() const { return queued_; }
  std::uint64_t grants() const { return grants_; }

  const TimeWeighted& queue_stats() const { return queue_tw_; }
  const TimeWeighted& busy_stats() const { return busy_tw_; }
  const TimeWeighted& capacity_stats() const { return capacity_tw_; }
  const Tally& wait_stats() const { return waits_; }
  // Mean busy servers over mean capacity since the last reset (0 if never open).
  double utilisation() const;
  void reset_stats(double now) override;

 private:
  friend class Guard;
  struct Class {
    int priority;
    Waiter* head;
    Waiter* tail;
  };

  bool try_seize() {
    if (busy_ < capacity_ && queued_ == 0) {
      ++busy_;
      ++grants_;
      busy_tw_.update(sim_->now(), busy_);
      waits_.add(0.0);
      return true;
    }
    return false;
  }
  void enqueue(Waiter* w, int priority);
  void withdraw(Waiter* w);  // the waiter's deadline rang while it was queued
  void queue_changed(double now, double delta) {
    queue_tw_.update(now, static_cast<double>(queued_));
    if (total_) total_->add(now, delta);
  }
  void release();
  void dispatch();
  void grant_next();

  Simulation* sim_;
  std::string name_;
  int capacity_;
  int busy_ = 0;
  std::size_t queued_ = 0;
  std::uint64_t grants_ = 0;
  std::vector<Class> classes_;  // sorted by priority; grows only when a new priority appears
  TimeWeighted queue_tw_, busy_tw_, capacity_tw_;
  Tally waits_;
  QueueTotal* total_ = nullptr;
  std::uint64_t withdrawn_ = 0;
};

inline void Guard::release() {
  // At teardown the resource may already be gone and nobody is left to serve: release nothing.
  if (res_ != nullptr && !sim_->tearing_down()) res_->release();
  res_ = nullptr;
}

}  // namespace sim
