// Event: a one-shot signal carrying a value. Processes wait on it; trigger() wakes them all (in
// the order they began waiting, at the current instant). Waiting on a triggered event returns
// at once. reset() re-arms it for reuse.
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

  explicit Event(Simulation& s) : sim_(&s) {}
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;

  Wait wait() { return Wait(this); }
  void trigger(T value) {
    assert(!value_ && "event triggered twice");
    value_ = std::move(value);
    for (Waiter* w = head_; w; w = w->next)
      sim_->schedule_resume(sim_->now(), Tier::Normal, w->handle);
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
    if (tail_)
      tail_->next = w;
    else
      head_ = w;
    tail_ = w;
  }
  Simulation* sim_;
  std::optional<T> value_;
  Waiter* head_ = nullptr;
  Waiter* tail_ = nullptr;
};

}  // namespace sim
