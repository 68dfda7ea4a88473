//! Rendering a body again only when what it read changed: the answers its link resolver
//! gave are recorded, and a kept rendering is reused when the text, the plan names and every
//! answer are the same ([`crate::memo`]).

use std::sync::Arc;

use super::{InternalLink, LinkResolver, RenderOptions, render};
use crate::model::Body;

/// A resolver's answer to one question asked while a body was rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Internal(InternalLink, Option<String>),
    Plan(usize, Option<String>),
    Citation(InternalLink, Option<String>),
}

impl Answer {
    /// Whether `resolver` gives the same answer now.
    fn holds(&self, resolver: &dyn LinkResolver) -> bool {
        match self {
            Answer::Internal(link, a) => resolver.internal(link) == *a,
            Answer::Plan(plan, a) => resolver.plan(*plan) == *a,
            Answer::Citation(link, a) => resolver.citation(link) == *a,
        }
    }
}

/// A resolver that writes down every answer of another one, in order.
struct Recorder<'r> {
    inner: &'r dyn LinkResolver,
    answers: std::cell::RefCell<Vec<Answer>>,
}

impl LinkResolver for Recorder<'_> {
    fn internal(&self, link: &InternalLink) -> Option<String> {
        let a = self.inner.internal(link);
        (self.answers.borrow_mut()).push(Answer::Internal(link.clone(), a.clone()));
        a
    }
    fn plan(&self, plan: usize) -> Option<String> {
        let a = self.inner.plan(plan);
        (self.answers.borrow_mut()).push(Answer::Plan(plan, a.clone()));
        a
    }
    fn citation(&self, link: &InternalLink) -> Option<String> {
        let a = self.inner.citation(link);
        (self.answers.borrow_mut()).push(Answer::Citation(link.clone(), a.clone()));
        a
    }
}

/// What rendering a body read (rendering reads nothing else).
#[derive(Debug)]
pub struct BodyInputs {
    /// The text (a view into its file's, so that an unchanged file compares by address).
    pub body: Body,
    /// The [`PlanMatcher`]'s fingerprint.
    pub plans: u64,
    /// Every answer of the resolver, in order.
    pub answers: Vec<Answer>,
}

/// Bodies rendered by the last build (see [`crate::memo`]) by display key, with their inputs.
pub type BodyMemo = crate::memo::Memo<Arc<BodyInputs>, Arc<str>>;

/// [`render`], reusing `memo`'s rendering under `key` if its inputs match; plus the inputs.
pub fn render_reusing(
    body: &Body,
    opts: &RenderOptions,
    memo: Option<(&BodyMemo, String)>,
) -> (Arc<str>, Arc<BodyInputs>) {
    let plans = opts.plans.fingerprint;
    let mut reused = None;
    let same = |inputs: &Arc<BodyInputs>| {
        let same = inputs.body == *body
            && inputs.plans == plans
            && inputs.answers.iter().all(|a| a.holds(opts.resolver));
        if same {
            reused = Some(Arc::clone(inputs));
        }
        same
    };
    if let Some((memo, key)) = &memo
        && let Some(html) = memo.reuse(key, same)
    {
        return (html, reused.expect("set when reused"));
    }
    let recorder = Recorder {
        inner: opts.resolver,
        answers: Default::default(),
    };
    let html: Arc<str> = render(
        body.markdown(),
        &RenderOptions {
            resolver: &recorder,
            ..*opts
        },
    )
    .into();
    let inputs = Arc::new(BodyInputs {
        body: body.clone(),
        plans,
        answers: recorder.answers.into_inner(),
    });
    if let Some((memo, key)) = memo {
        memo.keep(key, Arc::clone(&inputs), Arc::clone(&html));
    }
    (html, inputs)
}
