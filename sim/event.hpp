// Event: a one-shot signal carrying a value. Processes wait on it; trigger() wakes them all (in
// the order they began waiting, at the current instant). Waiting on a triggered event returns
// at once. reset() re-arms it for reuse. wait_until(deadline) waits for the first of the event
// and a deadline (a ban lifted, or patience gone).
#pragma once

#include <cassert>
#include <coroutine>
#include <optional>

#include "sim/simulation.hpp"

namespace sim {

template <class T = bool>
class Event {
 public:
  struct Waiter {
    std::coroutine_handle<> handle;
    Waiter* next = nullptr;
    Waiter* prev = nullptr;
    Alarm* deadline = nullptr;  // wait_until: disarmed when the event triggers first
    bool timed_out = false;
  };
  class Wait {
   public:
    explicit Wait(Event* e) : ev_(e) {}
    bool await_ready() const noexcept { return ev_->value_.has_value(); }
    void await_suspend(std::coroutine_handle<> h) {
      node_.handle = h;
      ev_->add(&node_);
    }
    T await_resume() const { return *ev_->value_; }

   private:
    Event* ev_;
    Waiter node_;
  };

  // The first of two things: the event, or the deadline. co_await yields the value if the event
  // triggered by then, std::nullopt if the deadline came first (the waiter is then off the list).
  class WaitUntil {
   public:
    WaitUntil(Event* e, double deadline) : ev_(e), deadline_(deadline) {}
    bool await_ready() const noexcept {
      return ev_->value_.has_value() || deadline_ <= ev_->sim_->now();
    }
    void await_suspend(std::coroutine_handle<> h) {
      node_.handle = h;
      ev_->add(&node_);
      node_.deadline = ev_->sim_->arm(deadline_, &WaitUntil::expire, this);
    }
    std::optional<T> await_resume() const {
      if (node_.timed_out || !ev_->value_) return std::nullopt;
      return *ev_->value_;
    }

   private:
    static void expire(void* self) {
      auto* w = static_cast<WaitUntil*>(self);
      w->node_.timed_out = true;
      w->ev_->remove(&w->node_);
      w->ev_->sim_->schedule_resume(w->ev_->sim_->now(), Tier::Normal, w->node_.handle);
    }
    Event* ev_;
    double deadline_;
    Waiter node_;
  };

  explicit Event(Simulation& s) : sim_(&s) {}
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;

  Wait wait() { return Wait(this); }
  WaitUntil wait_until(double deadline) { return WaitUntil(this, deadline); }
  void trigger(T value) {
    assert(!value_ && "event triggered twice");
    value_ = std::move(value);
    for (Waiter* w = head_; w; w = w->next) {
      if (w->deadline) Simulation::disarm(w->deadline);
      sim_->schedule_resume(sim_->now(), Tier::Normal, w->handle);
    }
    head_ = tail_ = nullptr;
  }
  bool triggered() const { return value_.has_value(); }
  const T& value() const { return *value_; }
  void reset() {
    assert(!head_);
    value_.reset();
  }
  Simulation& sim() const { return *sim_; }

 private:
  void add(Waiter* w) {
    w->next = nullptr;
    w->prev = tail_;
    if (tail_)
      tail_->next = w;
    else
      head_ = w;
    tail_ = w;
  }
  void remove(Waiter* w) {
    if (w->prev)
      w->prev->next = w->next;
    else
      head_ = w->next;
    if (w->next)
      w->next->prev = w->prev;
    else
      tail_ = w->prev;
  }
  Simulation* sim_;
  std::optional<T> value_;
  Waiter* head_ = nullptr;
  Waiter* tail_ = nullptr;
};

}  // namespace sim
