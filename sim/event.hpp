// Event: a one-shot signal carrying a value. Processes wait on it; trigger() wakes them all (in
// the order they began waiting, at the current instant). Waiting on a triggered event returns
// at once. reset() re-arms it for reuse. wait_until(deadline) waits for the first of the event
// and a deadline (a ban lifted, or patience gone).
#pragma once

#include <cassert>
#include <coroutine>
#include <optional>
#include <utility>
#include <vector>

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
    // first_of: called instead of resuming `handle` when the event triggers.
    void (*notify)(Waiter*) = nullptr;
    void* owner = nullptr;
    std::size_t index = 0;
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
      if (w->notify)
        w->notify(w);
      else
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
  template <class U>
  friend class FirstOf;
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

// The first of several events: `auto [i, v] = ...` is not allowed beside co_await (g++ 12), so
//   const std::pair<std::size_t, T> first = co_await sim::first_of<T>({&ban_lifted, &intake_open});
// resumes when the first of them triggers (at once if one already has, the earliest in the
// list), with its index in the list and its value; the waiter is then off every other list.
template <class T>
class FirstOf {
 public:
  explicit FirstOf(std::vector<Event<T>*> events)
      : events_(std::move(events)), nodes_(events_.size()) {}
  FirstOf(const FirstOf&) = delete;
  FirstOf& operator=(const FirstOf&) = delete;
  bool await_ready() {
    for (std::size_t i = 0; i < events_.size(); ++i)
      if (events_[i]->triggered()) {
        index_ = i;
        return true;
      }
    return false;
  }
  void await_suspend(std::coroutine_handle<> h) {
    handle_ = h;
    for (std::size_t i = 0; i < events_.size(); ++i) {
      typename Event<T>::Waiter& w = nodes_[i];
      w.handle = h;
      w.notify = &FirstOf::fired;
      w.owner = this;
      w.index = i;
      events_[i]->add(&w);
    }
  }
  std::pair<std::size_t, T> await_resume() const { return {index_, events_[index_]->value()}; }

 private:
  static void fired(typename Event<T>::Waiter* w) {
    auto* self = static_cast<FirstOf*>(w->owner);
    if (self->done_) return;  // another of the events triggered first at this instant
    self->done_ = true;
    self->index_ = w->index;
    for (std::size_t i = 0; i < self->events_.size(); ++i)
      if (i != w->index && !self->events_[i]->triggered())
        self->events_[i]->remove(&self->nodes_[i]);
    Simulation& s = self->events_[w->index]->sim();
    s.schedule_resume(s.now(), Tier::Normal, self->handle_);
  }
  std::vector<Event<T>*> events_;
  std::vector<typename Event<T>::Waiter> nodes_;
  std::coroutine_handle<> handle_;
  std::size_t index_ = 0;
  bool done_ = false;
};

template <class T>
FirstOf<T> first_of(std::vector<Event<T>*> events) {
  return FirstOf<T>(std::move(events));
}

}  // namespace sim
