//! A text that arrived from outside the app (pasted, dropped, picked or in a share link) for a
//! flow other than the design reader: a lesson for the lesson area, a template for the import
//! dialog. `arrivals` puts it in the view state with [`super::ViewAction::Arrived`]; the
//! component it is for takes it from there ([`super::ViewAction::ArrivalTaken`]).

use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub enum Arrival {
    /// A lesson file's text, for the lesson area.
    Lesson(Rc<str>),
    /// A CloudFormation template or Terraform configuration, for the import dialog.
    Template(Rc<str>),
}
