//! The demo company's review texts, per department: what a salesperson, a designer or an
//! accountant would write and read in a review, so the demo does not repeat one team's
//! sentences across everyone. Chosen per person by a stable variant number.

/// A self-assessment's five answers.
pub struct SelfTexts {
    pub accomplishments: &'static str,
    pub shortfalls: &'static str,
    pub feedback_acted_on: &'static str,
    pub next_focus: &'static str,
    pub support_needed: &'static str,
}

/// A peer's three answers.
pub struct PeerTexts {
    pub keep_doing: &'static str,
    pub do_differently: &'static str,
    pub values_shown: &'static str,
}

/// A manager assessment's four sections. `development` holds one point per line, each
/// starting with "- ".
pub struct ManagerTexts {
    pub goals: &'static str,
    pub values_shown: &'static str,
    pub strengths: &'static str,
    pub development: &'static str,
}

/// One department's texts: four self-assessments, four peer answers, and two manager
/// assessments for each rating, from Exceptional (index 0) to Below Expectations (index 4).
pub struct DepartmentTexts {
    pub slug: &'static str,
    pub selves: [SelfTexts; 4],
    pub peers: [PeerTexts; 4],
    pub managers: [[ManagerTexts; 2]; 5],
}

/// Every department's texts, in the demo company's department order.
pub static DEPARTMENTS: [DepartmentTexts; 7] = [
    DepartmentTexts {
        slug: "engineering",
        selves: [
            SelfTexts {
                accomplishments: "Led the move of the orders service off the old message queue in October with zero lost events; p95 checkout latency dropped from 480 ms to 210 ms.",
                shortfalls: "I underestimated the data backfill, and the migration finished three weeks after the date I gave. I now run a timed dry run on a copy of production before I commit to a date.",
                feedback_acted_on: "My tech lead said my pull requests were too large to review well. I now keep them under 400 lines and split refactors from behaviour changes, and review time fell from two days to half a day.",
                next_focus: "Taking over as technical owner of the orders domain.",
                support_needed: "A staff engineer to review my migration plans, and a clean-up week each quarter.",
            },
            SelfTexts {
                accomplishments: "Took the team's on-call load from 14 pages a week to 4 by fixing the three noisiest alerts in July and writing runbooks for the rest. Ran the August payments incident as incident lead; we were back up in 38 minutes.",
                shortfalls: "I let the flaky end-to-end tests linger for two months because fixing them felt unglamorous, and they cost everyone reruns. In November I started a weekly hour to quarantine and fix them.",
                feedback_acted_on: "A peer told me my incident updates were too technical for support to pass on. I now put one plain-language line for customers at the top of every update.",
                next_focus: "Making our deploys safe enough to ship on a Friday.",
                support_needed: "Budget for a load-testing tool, and one more person on the on-call rota.",
            },
            SelfTexts {
                accomplishments: "Designed the new permissions model and shipped it behind a flag in May; it replaced 60 hard-coded role checks. Mentored our two graduate hires, who were each carrying their own features by September.",
                shortfalls: "I wrote the permissions design alone and presented it finished, so the mobile team found a gap late. I now share a one-page draft in the first week.",
                feedback_acted_on: "I was told I jump into code before agreeing the approach. I now post a short design note and wait for one reviewer before starting anything longer than a week.",
                next_focus: "Growing as a mentor and leading a cross-team design review.",
                support_needed: "Pairing with a senior engineer from another team on reviews, and a mentoring course.",
            },
            SelfTexts {
                accomplishments: "Cut the CI pipeline from 31 minutes to 12 in April by caching builds and splitting the test suite. Upgraded the main database two major versions over two weekends in June with 4 minutes of downtime.",
                shortfalls: "I missed the test-coverage goal for the billing module (68% against 80%) because I kept picking up infrastructure requests. I now block two afternoons a week for planned work.",
                feedback_acted_on: "My manager said I rarely explained why a change mattered. My pull request descriptions now start with the problem and the measured effect.",
                next_focus: "Rolling out request tracing across every service.",
                support_needed: "Clear priorities when the platform and product teams both ask for me at once.",
            },
        ],
        peers: [
            PeerTexts {
                keep_doing: "Writes excellent incident reviews; the August outage write-up had a clear timeline, no blame, and three fixes that all shipped within a month.",
                do_differently: "Pull others into on-call fixes instead of solving them alone overnight, so the knowledge spreads.",
                values_shown: "Owns problems end to end and says plainly when one of their changes caused an incident.",
            },
            PeerTexts {
                keep_doing: "Reviews code quickly and kindly; my pull requests in the spring rarely waited more than a few hours, and every review taught me something.",
                do_differently: "Write a short design note before big refactors so the team can weigh in before the code exists.",
                values_shown: "Generous with their time, especially with the newest engineers.",
            },
            PeerTexts {
                keep_doing: "Keeps the customer in view; during the search rebuild they asked support for the ten worst queries and tested against them.",
                do_differently: "Push back on scope in sprint planning rather than absorbing it quietly and working late to make the date.",
                values_shown: "Cares about quality and leaves every module they touch better tested than they found it.",
            },
            PeerTexts {
                keep_doing: "Explains systems patiently; their walkthrough of the billing pipeline in June saved me a week when I joined.",
                do_differently: "Raise concerns at the start of architecture reviews, because the questions held back until the end of the queue migration review were the most useful ones.",
                values_shown: "Honest about trade-offs, even when the honest answer means more work for them.",
            },
        ],
        managers: [
            // Exceptional
            [
                ManagerTexts {
                    goals: "Exceeded every goal markedly: delivered the queue migration in October, a month ahead of plan, and cut checkout latency by more than half.",
                    values_shown: "Shows ownership at every level: led the August incident response and then fixed the root cause, not only the symptom.",
                    strengths: "Sound technical judgement, clear design writing, and calm leadership under pressure.",
                    development: "- Hand more of the hands-on work to others so they grow into it; I will help pick the first two pieces and sponsor a staff-level scope for next cycle.",
                },
                ManagerTexts {
                    goals: "Went well beyond the goals set in the spring: on-call pages fell from 14 a week to 4, and the CI pipeline now runs in 12 minutes instead of 31.",
                    values_shown: "Lifted the whole team; both graduate hires credit them for shipping their own features by September.",
                    strengths: "Turning vague technical problems into measurable plans, and mentoring.",
                    development: "- Share the platform direction with the other engineering teams, not only ours; I will get you a slot at the monthly engineering all-hands.",
                },
            ],
            // Strong
            [
                ManagerTexts {
                    goals: "Met all goals and exceeded two: the permissions model shipped in May and the June database upgrade went through with 4 minutes of downtime.",
                    values_shown: "Puts quality first: pushed back on a rushed launch in July and was right to.",
                    strengths: "Reliable delivery, careful reviews, and patient explanations of complex systems.",
                    development: "- Share designs as a draft in the first week so other teams find gaps sooner; I will review the first drafts with you.",
                },
                ManagerTexts {
                    goals: "Met every goal for the cycle and went further on reliability: the team's mean time to recover fell from 70 to 35 minutes by November.",
                    values_shown: "Collaborative: paired with the mobile team for two weeks in September to unblock their release.",
                    strengths: "Debugging production problems and communicating clearly during incidents.",
                    development: "- Break large projects into milestones of two weeks or less before estimating; we will look at the plans together in our 1:1s.",
                },
            ],
            // Meets Expectations
            [
                ManagerTexts {
                    goals: "Met the cycle's goals solidly: the reporting API and the export clean-up both shipped on the dates agreed in February.",
                    values_shown: "A dependable teammate who covered extra on-call shifts in December without being asked.",
                    strengths: "Steady delivery and tidy, well-tested code.",
                    development: "- Lead one design review next cycle to build visibility beyond the team; I will pair you with a staff engineer for it.",
                },
                ManagerTexts {
                    goals: "Delivered what was agreed: the notification service rewrite landed in August and billing test coverage reached the 80% target.",
                    values_shown: "Respectful in code review and quick to help newer engineers with their local setup.",
                    strengths: "Thorough testing and careful attention to edge cases.",
                    development: "- Speak up early in planning when an estimate looks wrong; I will ask for your view first in the next two planning sessions.",
                },
            ],
            // Developing
            [
                ManagerTexts {
                    goals: "Met some goals: the search indexing work shipped in June, but the caching layer slipped by seven weeks and the coverage target was missed.",
                    values_shown: "Works well with the team and asks for help when stuck.",
                    strengths: "Curiosity about the domain and a willingness to take on unfamiliar code.",
                    development: "- Flag risks to the plan within a day of seeing them, as we agreed in our 1:1s since March; we now review the plan together every Monday.\n- Break each task into pieces of two days or less before estimating, the expectation we wrote down in April; a senior engineer reviews your breakdowns for the next two months.",
                },
                ManagerTexts {
                    goals: "Met two of the four goals: the webhook retries shipped on time, while the admin audit log and the on-call runbooks are still unfinished.",
                    values_shown: "Courteous and constructive in code reviews.",
                    strengths: "A strong grasp of our frontend code and good instincts for user-facing details.",
                    development: "- Finish the audit log before taking on new work, as agreed in our May 1:1; I am shielding you from side requests until it ships.\n- Write runbooks for the two services you own, the expectation we set in March; you have a fortnightly pairing session with the on-call lead to get them done.",
                },
            ],
            // Below Expectations
            [
                ManagerTexts {
                    goals: "Missed most goals despite the support plan agreed in April: the billing export slipped twice and two of the three planned services were not delivered.",
                    values_shown: "Polite and considerate with colleagues throughout a difficult cycle.",
                    strengths: "Deep knowledge of the legacy invoicing system.",
                    development: "- Deliver the milestones on the dates in the written engineering plan from April, which still stand; we keep the weekly check-ins and I review progress every Friday.\n- Raise blockers the same day rather than at the deadline, as discussed in every 1:1 since March; your buddy on the team is available daily for help.",
                },
                ManagerTexts {
                    goals: "Did not meet most goals: the migration tooling and the error-budget dashboards were not delivered, even with the reduced scope agreed in May.",
                    values_shown: "Willing to take feedback, and has not become defensive in our conversations.",
                    strengths: "Careful, well-structured code when the work is small and clearly defined.",
                    development: "- Reach the reduced scope we wrote down in May, one milestone every two weeks; I will set each milestone with you and check it in our 1:1s.\n- Ask for a review after the first day of any task, the practice we agreed in June; a senior engineer has two hours a week set aside for you.",
                },
            ],
        ],
    },
    DepartmentTexts {
        slug: "product",
        selves: [
            SelfTexts {
                accomplishments: "Ran 24 discovery interviews in February and March that turned the reporting roadmap around; the dashboards we shipped in June reached 41% weekly use among admins in their first month.",
                shortfalls: "I committed to the integrations launch date before engineering had sized the work, and we moved it twice. I now get a rough size from the tech lead before any date leaves the team.",
                feedback_acted_on: "My manager said my PRDs were long and buried the decision. I now open each PRD with the problem, the success metric and what we are not doing, all on one page.",
                next_focus: "Owning the pricing and packaging roadmap.",
                support_needed: "A few hours a week with the data team, and a seat at the quarterly planning offsite.",
            },
            SelfTexts {
                accomplishments: "Led the onboarding checklist launch in April; trial-to-paid conversion rose from 14% to 19% over the next two months. Cut the roadmap from 22 items to 9 in the summer planning round, with sales and support signing off.",
                shortfalls: "I said yes to too many sales requests in the first quarter and the roadmap lost focus. I now bring every new request to a fortnightly triage with the numbers behind it.",
                feedback_acted_on: "A designer told me I handed over solutions instead of problems. I now bring the user problem and the evidence to kickoff, and we sketch options together.",
                next_focus: "Running proper experiments instead of launch-and-hope.",
                support_needed: "A course on experiment design, and a shared analytics dashboard with the data team.",
            },
            SelfTexts {
                accomplishments: "Wrote and shipped the permissions PRD, which removed the top enterprise blocker in the sales pipeline; four deals worth 310k in annual revenue cited it in October. Set up a monthly roadmap review with customer success.",
                shortfalls: "I did not measure the bulk-edit launch in July because I never set a baseline. Every PRD I write now has a baseline and a target before the build starts.",
                feedback_acted_on: "Engineering said I changed priorities mid-sprint too often. I now hold changes until the sprint boundary unless a customer is blocked, and I explain each exception in writing.",
                next_focus: "Sharing the enterprise roadmap with our largest customers.",
                support_needed: "Time with the head of sales to agree how deal requests reach the roadmap.",
            },
            SelfTexts {
                accomplishments: "Ran the mobile discovery in May, with 6 usability sessions and a survey of 1,200 users, and dropped a feature we had planned for a whole quarter; the team built offline mode instead, now used by 27% of mobile users.",
                shortfalls: "My launch notes for the September release reached support two days late, and they took the first wave of questions blind. I now send support a draft a week before any launch.",
                feedback_acted_on: "Peers said I made decisions in meetings the wider team was not in. I now write up each roadmap decision in the product channel within a day, with the reasons.",
                next_focus: "Tying each roadmap theme to a company goal and a metric.",
                support_needed: "A mentor who has run a platform product, and a quarterly budget for research incentives.",
            },
        ],
        peers: [
            PeerTexts {
                keep_doing: "Brings evidence to every debate; in the June roadmap review they answered each objection with a customer quote or a number.",
                do_differently: "Share the draft roadmap with the engineering leads a week before the review, so items are sized before the debate.",
                values_shown: "Puts customers first and says no to a loud request when the evidence points elsewhere.",
            },
            PeerTexts {
                keep_doing: "Writes PRDs that engineers can build from; the bulk-edit spec in July had acceptance criteria we never needed to ask about.",
                do_differently: "Leave room for the designers to explore options before settling on a solution in the first meeting.",
                values_shown: "Open about mistakes; they presented the missed integrations date to the whole team themselves.",
            },
            PeerTexts {
                keep_doing: "Handles trade-offs calmly; when sales and support both wanted the last slot on the autumn roadmap, they ran a fair and transparent scoring session.",
                do_differently: "Close the loop with customers who gave interview time by telling them what changed because of it.",
                values_shown: "Collaborative across teams, and especially close to customer success.",
            },
            PeerTexts {
                keep_doing: "Keeps launches on track; the onboarding checklist launch in April had an owner for every task and a launch checklist we have reused three times.",
                do_differently: "Spend a morning a month listening to support calls to hear problems before they turn into roadmap requests.",
                values_shown: "Shows candour by giving sales a clear no with reasons instead of a vague maybe.",
            },
        ],
        managers: [
            // Exceptional
            [
                ManagerTexts {
                    goals: "Exceeded the cycle's goals markedly: trial-to-paid conversion rose from 14% to 19% against a target of 16%, and the reporting launch beat its adoption goal by half.",
                    values_shown: "Lives our customer focus: ran 24 discovery interviews and changed the roadmap because of what they heard.",
                    strengths: "Clear product thinking, persuasive writing, and the courage to cut scope.",
                    development: "- Coach the two associate product managers on discovery so the practice spreads; I will set aside budget for a shared research calendar.",
                },
                ManagerTexts {
                    goals: "Went well past every goal: the permissions work unblocked four enterprise deals, and the roadmap review with customer success now runs monthly without me.",
                    values_shown: "Builds trust across teams by explaining every roadmap decision in writing.",
                    strengths: "Turning customer evidence into sharp priorities that engineering and sales both accept.",
                    development: "- Take on the pricing and packaging roadmap next cycle; I will introduce you to the finance lead and share last year's pricing analysis.",
                },
            ],
            // Strong
            [
                ManagerTexts {
                    goals: "Met all goals and exceeded two: the onboarding checklist and mobile offline mode both beat their adoption targets by September.",
                    values_shown: "Honest about trade-offs and quick to own a missed date.",
                    strengths: "Discovery work, clear PRDs, and steady launches.",
                    development: "- Set a baseline and a target metric for every feature before the build starts; we will review the metric plans together in our 1:1s.",
                },
                ManagerTexts {
                    goals: "Delivered every roadmap commitment for the half and beat the activation goal: new admins now finish setup in 3 days instead of 6.",
                    values_shown: "Collaborative with design, bringing problems rather than solutions to every kickoff since April.",
                    strengths: "Stakeholder management and a calm hand in hard prioritisation calls.",
                    development: "- Share draft roadmaps with engineering a week before each review so sizing happens first; I will move the review dates to make that easy.",
                },
            ],
            // Meets Expectations
            [
                ManagerTexts {
                    goals: "Met the agreed goals: the integrations release and the search improvements shipped in the planned quarter with the scope agreed in February.",
                    values_shown: "Responsive to sales and support, and fair in how their requests are weighed.",
                    strengths: "Organised launches and a well-kept backlog.",
                    development: "- Bring more customer evidence into roadmap debates, aiming for five interviews a month; I will share my interview guide and join the first two calls.",
                },
                ManagerTexts {
                    goals: "Met the goals for the cycle solidly: the admin settings redesign launched in July and the quarterly roadmap went out on time.",
                    values_shown: "A reliable partner to engineering, with steady and predictable sprint priorities.",
                    strengths: "Clear acceptance criteria and attention to detail in specs.",
                    development: "- Measure each launch against its target two months after release and share the results; I will get you a standing slot in the product review.",
                },
            ],
            // Developing
            [
                ManagerTexts {
                    goals: "Met some goals: the export feature shipped, but the billing settings project slipped by a quarter and its success metric was never defined.",
                    values_shown: "Friendly and open with every team, and willing to hear hard feedback.",
                    strengths: "Good rapport with customers in interviews.",
                    development: "- Define the success metric and baseline before each build starts, as we agreed in our 1:1s since March; I review each one with you before kickoff.\n- Get an engineering estimate before sharing any date outside the team, the expectation we wrote down in April; the tech lead has agreed to size items within two days.",
                },
                ManagerTexts {
                    goals: "Met two of five goals: the notifications work landed, while the mobile roadmap and the two planned discovery rounds did not happen.",
                    values_shown: "Supportive of teammates and generous in sharing context.",
                    strengths: "A solid understanding of our admin users and their workflows.",
                    development: "- Run the discovery interviews agreed in our May 1:1, at least four a month; the research lead will help recruit participants.\n- Publish the mobile roadmap draft by the date we set in June; we meet weekly until it is out.",
                },
            ],
            // Below Expectations
            [
                ManagerTexts {
                    goals: "Missed most goals despite the support plan agreed in April: the reporting roadmap was not produced and two launches went out without success metrics.",
                    values_shown: "Courteous with colleagues and customers during a difficult cycle.",
                    strengths: "Detailed knowledge of the reporting features and their history.",
                    development: "- Produce the reporting roadmap by the milestones in the written plan from April, which still stand; we go over progress together every Friday.\n- Write a one-page PRD with a metric before any work starts, as raised in every 1:1 since March; a senior product manager reviews your drafts each week.",
                },
                ManagerTexts {
                    goals: "Did not meet most goals: the integrations discovery, the partner launch and the backlog clean-up were all incomplete, even after we narrowed the scope in May.",
                    values_shown: "Has stayed open to feedback and kept working with the team in good faith.",
                    strengths: "Quick, friendly answers to support questions about the product.",
                    development: "- Deliver the narrowed scope we wrote down in May, one outcome every two weeks; I will agree each outcome with you and check it in our 1:1s.\n- Share product decisions in writing within a day, the practice we agreed in June; I will review your weekly update before it goes out.",
                },
            ],
        ],
    },
    DepartmentTexts {
        slug: "design",
        selves: [
            SelfTexts {
                accomplishments: "Ran 18 research sessions with finance admins in March and redesigned the invoice flow from what we learned; task completion in testing went from 62% to 91%. Shipped the redesign with engineering in June.",
                shortfalls: "I spent two weeks polishing high-fidelity screens before testing the flow, and the first test sent me back to the start. I now test paper or grey-box prototypes first.",
                feedback_acted_on: "Engineers told me my handoffs were missing states. I now include empty, loading and error states in every file and walk through them in a 20-minute handoff call.",
                next_focus: "Leading research for the mobile app.",
                support_needed: "A budget for participant incentives, and a researcher to partner with twice a month.",
            },
            SelfTexts {
                accomplishments: "Built the first version of our design system: 46 components, in Figma and in code with the frontend team, by August. New screens now take about half the time to design and build.",
                shortfalls: "I let the design system documentation fall behind, so teams used old components for weeks. I now publish a short changelog every Friday.",
                feedback_acted_on: "My manager said I defended designs instead of explaining them. I now open critiques with the problem and the evidence, and ask for the weakest part first.",
                next_focus: "Getting the mobile team to adopt the design system.",
                support_needed: "Two days of frontend time each sprint dedicated to the design system.",
            },
            SelfTexts {
                accomplishments: "Led our first accessibility audit in May, found 112 issues and fixed 87 of them with engineering by October; every main screen now passes the contrast and keyboard checks.",
                shortfalls: "I audited too broadly at first and the report overwhelmed the teams. I now rank issues by how many users hit them and give each team its top ten.",
                feedback_acted_on: "A product manager said I joined projects too late to shape them. I now ask to be at every discovery kickoff and sketch during the first week.",
                next_focus: "Making accessibility part of every design review rather than a yearly audit.",
                support_needed: "Screen-reader training for the team, and time with an accessibility specialist.",
            },
            SelfTexts {
                accomplishments: "Redesigned the onboarding flow with product in April; time to first report fell from 3 days to under 1. Ran the weekly design critique and brought two new designers into it.",
                shortfalls: "I missed the handoff date for the settings redesign by two weeks because I kept revising. I now agree a design freeze date with the product manager at kickoff.",
                feedback_acted_on: "Peers told me my critique comments were hard to act on. I now write each comment as an observation followed by a suggestion.",
                next_focus: "Prototyping complex interactions in code, not only in Figma.",
                support_needed: "A course in interaction prototyping, and a frontend engineer to pair with on it.",
            },
        ],
        peers: [
            PeerTexts {
                keep_doing: "Brings users into the room; the clips from the March research sessions changed the invoice roadmap in a single meeting.",
                do_differently: "Share rough sketches in the first week instead of waiting until the flow feels finished.",
                values_shown: "Champions the people who use our product, especially the ones we rarely hear from.",
            },
            PeerTexts {
                keep_doing: "Makes handoff easy; the settings files in September had every state labelled and every spacing token named.",
                do_differently: "Join a sprint review once a month to see how the designs land in code and catch drift early.",
                values_shown: "Generous with craft, running a weekly critique where it feels safe to show unfinished work.",
            },
            PeerTexts {
                keep_doing: "Keeps the design system healthy; thanks to the Friday changelog I always know which component to use.",
                do_differently: "Say no to one-off component requests more often and point teams to the system instead.",
                values_shown: "Collaborative with engineering and patient when trade-offs cut into the design.",
            },
            PeerTexts {
                keep_doing: "Thinks about accessibility from the start; the May audit caught keyboard traps that had been in the product for years.",
                do_differently: "Record the reasoning behind design decisions in the file, so the next designer does not reopen the same debate.",
                values_shown: "Shows care by fixing the small details nobody asked about.",
            },
        ],
        managers: [
            // Exceptional
            [
                ManagerTexts {
                    goals: "Exceeded the cycle's goals markedly: the invoice redesign lifted task completion from 62% to 91%, and the research programme ran twice as many sessions as planned.",
                    values_shown: "Puts users first and brought their voices into every roadmap review this cycle.",
                    strengths: "Research craft, crisp interaction design, and persuasive storytelling.",
                    development: "- Mentor the two newer designers in running research sessions; I will set up a shared research calendar and fund the incentives.",
                },
                ManagerTexts {
                    goals: "Went well beyond every goal: the design system reached 46 components in August, three months early, and halved the time to build new screens.",
                    values_shown: "Raises the whole team's craft through weekly critique and open files.",
                    strengths: "Systems thinking and a close partnership with frontend engineering.",
                    development: "- Present the design system roadmap to engineering leadership each quarter; I will get you the slot and help shape the first session.",
                },
            ],
            // Strong
            [
                ManagerTexts {
                    goals: "Met every goal, two of them by a wide margin: the accessibility audit fixed 87 of 112 issues, and the onboarding redesign cut time to first report to under a day.",
                    values_shown: "Inclusive in practice, making accessibility a shared concern rather than a checklist.",
                    strengths: "Attention to detail and clear, well-organised handoffs.",
                    development: "- Share early sketches in the first week of a project so product can react sooner; I will review the first few with you.",
                },
                ManagerTexts {
                    goals: "Met every goal and went further on research, adding a round of mobile usability testing in October.",
                    values_shown: "Collaborative and calm when engineering constraints change the design.",
                    strengths: "Balancing user needs against delivery dates.",
                    development: "- Agree a design freeze date at each kickoff so handoffs stay on schedule; I will raise it with the product leads as well.",
                },
            ],
            // Meets Expectations
            [
                ManagerTexts {
                    goals: "Met the agreed goals solidly: the settings and notifications redesigns were handed off in the planned sprints.",
                    values_shown: "A reliable partner who keeps product and engineering informed.",
                    strengths: "Consistent visual quality and careful use of the design system.",
                    development: "- Lead one research study next cycle, from plan to readout; I will pair you with our researcher for the first one.",
                },
                ManagerTexts {
                    goals: "Delivered what was agreed for the half: the billing page refresh shipped in July and the icon set was completed in September.",
                    values_shown: "Supportive in critique and open to other designers' ideas.",
                    strengths: "Polished visual design and clean, well-named Figma files.",
                    development: "- Write down the reasoning for key decisions in the file so others can follow it; I will share examples from the invoice project.",
                },
            ],
            // Developing
            [
                ManagerTexts {
                    goals: "Met some goals: the icon refresh shipped, but the reporting redesign slipped by two months and the planned research round did not happen.",
                    values_shown: "Kind and respectful with colleagues, and open to critique.",
                    strengths: "A strong eye for visual detail.",
                    development: "- Test flows with users before moving to high fidelity, as we agreed in our 1:1s since March; the researcher will help you plan each test.\n- Hand off by the dates agreed at kickoff, the expectation we wrote down in April; we check progress against the freeze date every week.",
                },
                ManagerTexts {
                    goals: "Met two of four goals: the empty states and the mobile icons were delivered, while the dashboard redesign and its usability test remain unfinished.",
                    values_shown: "Friendly and helpful to engineers who ask about the designs.",
                    strengths: "Quick visual exploration and a good sense of layout.",
                    development: "- Finish the dashboard redesign before taking new requests, as agreed in our May 1:1; new requests come through me until then.\n- Include every state in handoff files, the standard we set in June; a senior designer reviews your files before each handoff.",
                },
            ],
            // Below Expectations
            [
                ManagerTexts {
                    goals: "Missed most of the cycle's goals even with the support plan agreed in April: the reporting redesign and the accessibility fixes assigned to the team were not delivered.",
                    values_shown: "Courteous with colleagues throughout the cycle, even under pressure.",
                    strengths: "Good knowledge of the older parts of the product.",
                    development: "- Deliver the design milestones in the written plan from April, which still stand; we review the files together every Friday.\n- Share work in progress at least twice a week, as raised in every 1:1 since March; a senior designer is available for daily feedback.",
                },
                ManagerTexts {
                    goals: "Did not meet most goals: the onboarding research, the design system contributions and the settings handoff were all incomplete, even after the scope was reduced in May.",
                    values_shown: "Has taken feedback seriously and not become defensive.",
                    strengths: "Careful work on small, well-defined visual tasks.",
                    development: "- Complete the reduced scope agreed in May, one deliverable every two weeks; I will set each deliverable with you in our 1:1s.\n- Ask for critique at the sketch stage, the practice we agreed in June; the weekly critique now has a standing slot for your work.",
                },
            ],
        ],
    },
    DepartmentTexts {
        slug: "sales",
        selves: [
            SelfTexts {
                accomplishments: "Closed 118% of my annual quota, including the largest new logo of the year in November. Kept pipeline coverage above 3x every month from April.",
                shortfalls: "I skipped proper discovery on two deals in the spring and lost both late to a cheaper competitor. I now run a full discovery call with the economic buyer before any demo.",
                feedback_acted_on: "My manager said my CRM notes were too thin to forecast from. I now update next steps and close dates after every call, and my forecast was within 6% in each of the last three months.",
                next_focus: "Moving up to mid-market accounts with longer sales cycles.",
                support_needed: "A solutions engineer on my larger deals, and help from finance with non-standard pricing.",
            },
            SelfTexts {
                accomplishments: "Saved the renewal of our second-largest customer in August after they had given notice, and grew the account by 20% in the same deal. Built 1.4 million of new pipeline from outbound in the second half.",
                shortfalls: "I leaned on discounts to close in the first quarter and my average deal margin fell. Since June I trade any discount for a longer term or a case study.",
                feedback_acted_on: "A peer said I talked too much on discovery calls. I now aim for the customer to speak two thirds of the time, and I check it on the call recordings.",
                next_focus: "Multi-threading deals across several buyers in each account.",
                support_needed: "Negotiation coaching, and earlier sight of the product roadmap for customer conversations.",
            },
            SelfTexts {
                accomplishments: "Ran 140 discovery calls and booked 52 qualified meetings as a sales development rep, 30% above target. Helped write the new outbound sequence for finance buyers, which doubled reply rates in October.",
                shortfalls: "My follow-up slipped in December and several warm leads went cold. I now block the first hour of each day for follow-ups.",
                feedback_acted_on: "I was told my emails were generic. I now research each account for ten minutes and open with something specific to their business.",
                next_focus: "Becoming an account executive and running my own deals.",
                support_needed: "Shadowing two account executives on demos, and a mentor in the team.",
            },
            SelfTexts {
                accomplishments: "Hit 104% of quota while onboarding two new reps, with my forecast within 5% in three of four quarters. Closed the first two deals for the new reporting add-on in May.",
                shortfalls: "I let deals sit in the pipeline long after they went quiet, which inflated our coverage. I now close out any deal with no contact for 30 days.",
                feedback_acted_on: "My manager said I forecast on hope. I now commit a deal only when the buyer has confirmed the signing process and date.",
                next_focus: "Building a repeatable playbook for the reporting add-on.",
                support_needed: "Marketing support for two customer events in my territory.",
            },
        ],
        peers: [
            PeerTexts {
                keep_doing: "Runs the best discovery calls on the team; listening to their recordings from the spring taught me how to find the real budget owner.",
                do_differently: "Bring the solutions engineer in before the demo rather than after, so technical questions do not stall late-stage deals.",
                values_shown: "Honest with customers about what the product does not do yet, even when it costs a deal.",
            },
            PeerTexts {
                keep_doing: "Keeps the CRM spotless; when I covered their accounts in July I could pick up every deal from the notes alone.",
                do_differently: "Post the objection-handling notes from your wins in the team channel so newer reps can use them.",
                values_shown: "Generous with credit, and passes on leads that fit someone else's territory.",
            },
            PeerTexts {
                keep_doing: "Stays calm in negotiations; the renewal saved in August came from patient, honest conversations rather than a big discount.",
                do_differently: "Loop in customer success a month before renewal conversations so they can share how the account is really doing.",
                values_shown: "Puts the customer's long-term success ahead of a quick close.",
            },
            PeerTexts {
                keep_doing: "Always first to help a teammate prepare; they ran a mock demo with me the night before my biggest pitch in October.",
                do_differently: "Protect time for outbound prospecting every week, even in strong months, so the pipeline does not dip the following quarter.",
                values_shown: "Celebrates other people's wins as loudly as their own.",
            },
        ],
        managers: [
            // Exceptional
            [
                ManagerTexts {
                    goals: "Exceeded every goal markedly: closed 118% of quota, landed the largest new logo of the year, and kept pipeline coverage above 3x from April.",
                    values_shown: "Wins the right way, with honest discovery and no promises the product cannot keep.",
                    strengths: "Discovery, negotiation, and the most accurate forecasting on the team.",
                    development: "- Coach the two newest reps on discovery calls once a week; I will free up an hour of your pipeline reviews to make room.",
                },
                ManagerTexts {
                    goals: "Went far beyond the goals: saved a renewal that had given notice, grew it by 20%, and built 1.4 million of new pipeline in the second half.",
                    values_shown: "Builds lasting customer trust, and customer success asks for their help on difficult accounts.",
                    strengths: "Account strategy and calm, value-based negotiation.",
                    development: "- Lead the strategic accounts pilot next cycle; I will get you a solutions engineer dedicated to those accounts.",
                },
            ],
            // Strong
            [
                ManagerTexts {
                    goals: "Met all goals and beat two of them: bookings reached 104% of quota, and the new reporting add-on closed its first two deals in May.",
                    values_shown: "A team player who onboarded two new reps alongside a full quota.",
                    strengths: "Reliable forecasting and disciplined pipeline management.",
                    development: "- Multi-thread larger deals by meeting at least three buyers in each account; we will review your top five deals together every fortnight.",
                },
                ManagerTexts {
                    goals: "Met every target for the year and beat the meetings goal by 30%, with 52 qualified meetings booked.",
                    values_shown: "Curious and coachable: rewrote the outbound sequence after a single round of feedback.",
                    strengths: "Persistent, well-researched outbound and clear written messaging.",
                    development: "- Shadow account executives on demos to prepare for a closing role; I will arrange two shadow sessions a month.",
                },
            ],
            // Meets Expectations
            [
                ManagerTexts {
                    goals: "Met the agreed goals solidly: closed 101% of quota and held pipeline coverage at the 3x target for most of the year.",
                    values_shown: "A dependable colleague who shares leads fairly across territories.",
                    strengths: "Well-kept CRM records and steady weekly activity.",
                    development: "- Trade every discount for something in return, such as a longer term or a case study; I will join your next three pricing conversations.",
                },
                ManagerTexts {
                    goals: "Delivered the targets set in January: quota reached, every renewal in the territory closed, and the CRM kept up to date.",
                    values_shown: "Straightforward and respectful with customers and colleagues alike.",
                    strengths: "Consistent follow-up and clear proposals.",
                    development: "- Sharpen discovery by speaking for no more than a third of each call; we will review two call recordings together each month.",
                },
            ],
            // Developing
            [
                ManagerTexts {
                    goals: "Met some goals: activity targets were hit, but bookings reached 72% of quota and pipeline coverage fell below 2x in the second half.",
                    values_shown: "Positive and supportive with teammates, even in a hard year.",
                    strengths: "Warm, energetic first meetings with prospects.",
                    development: "- Keep pipeline coverage at 3x, as we agreed in our 1:1s since March; we review your pipeline together every Monday.\n- Run a full discovery call before every demo, the expectation we wrote down in April; a senior account executive joins your discovery calls for the next two months.",
                },
                ManagerTexts {
                    goals: "Met two of four goals: the meetings target and the CRM standards were met, while new bookings and forecast accuracy fell short.",
                    values_shown: "Honest about deal risk when asked, and open to coaching.",
                    strengths: "Good product knowledge and clear demos.",
                    development: "- Commit deals to the forecast only with a confirmed signing date, as agreed in our May 1:1; I check your commit list with you each Thursday.\n- Close out deals with no contact in 30 days, the standard we set in June; your sales operations partner will flag them weekly.",
                },
            ],
            // Below Expectations
            [
                ManagerTexts {
                    goals: "Fell short on most goals despite the support plan agreed in April: bookings reached 48% of quota and the forecast was off by more than 30% in five months.",
                    values_shown: "Courteous with customers and colleagues throughout a difficult year.",
                    strengths: "Strong relationships with two long-standing accounts.",
                    development: "- Reach the monthly pipeline and bookings targets in the written plan from April, which still stand; we review them every Friday.\n- Update the CRM after every customer call, as raised in every 1:1 since March; sales operations will send you a daily list of stale deals.",
                },
                ManagerTexts {
                    goals: "Did not meet most goals: bookings, outbound meetings and renewals all fell short, even after the territory was narrowed in May.",
                    values_shown: "Has taken feedback openly and kept a positive attitude.",
                    strengths: "Persistence in following up with prospects.",
                    development: "- Book the eight qualified meetings a month agreed in May; I will review your outbound plan with you every week.\n- Prepare a written plan for each deal over 20k, the practice we agreed in June; a senior account executive reviews each plan before the first call.",
                },
            ],
        ],
    },
    DepartmentTexts {
        slug: "customer-success",
        selves: [
            SelfTexts {
                accomplishments: "Cut churn in my book of 60 accounts from 9% to 4% over the year, mainly by catching low usage early. Ran 38 QBRs, three of which turned into expansion deals worth 85k.",
                shortfalls: "I ran QBRs from a template and several customers found them generic. Since July I build each one around the customer's own goals and usage data.",
                feedback_acted_on: "My manager said I escalated at-risk accounts too late. I now flag any account whose usage has fallen for two weeks in our Monday risk review.",
                next_focus: "Building an account health score the whole team can trust.",
                support_needed: "Better usage data in the CRM, and time with the data team to build it.",
            },
            SelfTexts {
                accomplishments: "Redesigned customer onboarding in April; average time to go live fell from 45 days to 24. Wrote 12 help-centre guides that cut onboarding tickets by a third.",
                shortfalls: "I ran every onboarding myself instead of training others, and became a bottleneck in the autumn. In October I trained two colleagues and we now share the load.",
                feedback_acted_on: "A peer told me my handover notes to support were incomplete. I now use a one-page handover with contacts, setup quirks and open risks.",
                next_focus: "Making onboarding work for twice as many customers with the same team.",
                support_needed: "A named product contact for onboarding issues, and a guided-setup tool.",
            },
            SelfTexts {
                accomplishments: "Handled 27 escalations from enterprise customers and resolved 24 inside the agreed response times. Led the recovery plan for a major account after the August outage, and they renewed in November.",
                shortfalls: "I promised a fix date to an angry customer in June without checking with engineering, and we missed it. I now confirm dates with the engineering lead before I share them.",
                feedback_acted_on: "I was told my escalation summaries to engineering were emotional rather than factual. I now lead with the impact, the number of users affected and the deadline.",
                next_focus: "Getting ahead of escalations with proactive check-ins.",
                support_needed: "A clear escalation path into engineering, agreed with their leads.",
            },
            SelfTexts {
                accomplishments: "Raised NPS in my segment from 31 to 44 between March and November by fixing the top five complaints with product. Grew net revenue retention in my accounts to 112%.",
                shortfalls: "I neglected my smaller accounts while chasing expansion, and two of them churned quietly. I now review every account's health once a month, whatever its size.",
                feedback_acted_on: "My manager said I should bring customer themes to product with data. I now send a monthly summary of top requests with account revenue attached.",
                next_focus: "Owning the voice-of-the-customer report for the whole company.",
                support_needed: "A standing monthly slot with product leadership.",
            },
        ],
        peers: [
            PeerTexts {
                keep_doing: "Knows every account deeply; when I took over two of their customers in June, the handover notes answered every question I had.",
                do_differently: "Bring product into at-risk accounts earlier instead of trying to save them alone.",
                values_shown: "Advocates for customers internally, even when the message is unwelcome.",
            },
            PeerTexts {
                keep_doing: "Stays calm in escalations; on the August outage call they kept a furious customer informed every hour until the fix landed.",
                do_differently: "Turn the fix from each escalation into a help article so the next customer can solve it alone.",
                values_shown: "Owns outcomes rather than tickets, and follows up after a problem is closed.",
            },
            PeerTexts {
                keep_doing: "Runs excellent QBRs; the one I joined in September used the customer's own numbers and ended with a clear plan.",
                do_differently: "Check with sales before discussing pricing in a QBR, so customers do not hear two stories.",
                values_shown: "Collaborative with sales and product, and generous with what they know.",
            },
            PeerTexts {
                keep_doing: "Makes onboarding feel easy for customers; the kickoff checklist from April is now used by the whole team.",
                do_differently: "Delegate more of the routine onboarding work to free up time for the complex accounts.",
                values_shown: "Covers colleagues' queues during holidays without being asked.",
            },
        ],
        managers: [
            // Exceptional
            [
                ManagerTexts {
                    goals: "Exceeded the cycle's goals markedly: churn in the book fell from 9% to 4% against a target of 7%, and three QBRs turned into expansion deals.",
                    values_shown: "Lives customer focus by acting on early warning signs before customers raise them.",
                    strengths: "Account insight, proactive risk management, and trusted customer relationships.",
                    development: "- Share your early-warning approach with the rest of the team in a monthly session; I will give you time in the team meeting for it.",
                },
                ManagerTexts {
                    goals: "Went well beyond every goal: time to go live fell from 45 days to 24, and onboarding tickets dropped by a third.",
                    values_shown: "Raises the team by training colleagues instead of holding on to the work.",
                    strengths: "Process design and clear customer-facing writing.",
                    development: "- Lead the onboarding programme for the enterprise segment next cycle; I will secure a product contact and budget for a setup tool.",
                },
            ],
            // Strong
            [
                ManagerTexts {
                    goals: "Met all goals and exceeded two: NPS in the segment rose from 31 to 44, and net revenue retention reached 112%.",
                    values_shown: "Brings the customer's voice into product decisions with data rather than anecdotes.",
                    strengths: "Relationship building and clear monthly reporting on customer themes.",
                    development: "- Review the health of every account monthly, including the smallest; we will add that check to our 1:1s.",
                },
                ManagerTexts {
                    goals: "Met every goal and went further on escalations, resolving 24 of 27 inside the agreed response times.",
                    values_shown: "Calm and honest with customers under pressure.",
                    strengths: "Handling escalations and coordinating engineering and support.",
                    development: "- Confirm fix dates with engineering before sharing them with customers; I will agree a fast escalation path with the engineering leads.",
                },
            ],
            // Meets Expectations
            [
                ManagerTexts {
                    goals: "Solidly met the agreed goals: renewals in the book closed on time and churn stayed within the 7% target.",
                    values_shown: "A reliable teammate who covers colleagues' queues when needed.",
                    strengths: "Organised account management and consistent follow-up.",
                    development: "- Build each QBR around the customer's own goals rather than the standard template; I will share two strong examples to start from.",
                },
                ManagerTexts {
                    goals: "Delivered the cycle's goals: every new customer in the segment went live within 40 days, and the help-centre refresh was finished in October.",
                    values_shown: "Patient and respectful with customers, even in difficult conversations.",
                    strengths: "Clear written guidance and careful onboarding.",
                    development: "- Bring customer themes to product with revenue data attached; I will introduce you to the product manager for your segment.",
                },
            ],
            // Developing
            [
                ManagerTexts {
                    goals: "Met some goals: onboarding targets were met, but churn in the book rose to 11% and four planned QBRs did not take place.",
                    values_shown: "Friendly and supportive with teammates and customers.",
                    strengths: "Good product knowledge and clear explanations for new users.",
                    development: "- Flag at-risk accounts in the Monday risk review as soon as usage falls, as we agreed in our 1:1s since March; I go through your risk list with you each week.\n- Hold a QBR with each of your top 15 accounts every quarter, the expectation we wrote down in April; a senior colleague co-runs the next three with you.",
                },
                ManagerTexts {
                    goals: "Met two of four goals: response times and help-centre updates were on target, while retention and NPS in the segment fell short.",
                    values_shown: "Responsive and helpful when colleagues need a hand.",
                    strengths: "Quick, accurate answers to technical questions.",
                    development: "- Build a recovery plan for each of your five lowest-health accounts, as agreed in our May 1:1; I will review the plans with you fortnightly.\n- Send the monthly customer-themes summary to product, the standard we set in June; the team lead will share a template and check the first two.",
                },
            ],
            // Below Expectations
            [
                ManagerTexts {
                    goals: "Missed most goals despite the support plan agreed in April: churn in the book reached 15% and several escalations went past the agreed response times.",
                    values_shown: "Courteous with customers throughout a difficult cycle.",
                    strengths: "Long relationships with several of our oldest customers.",
                    development: "- Answer escalations within the response times in the written plan from April, which still stands; we go through every escalation together on Fridays.\n- Contact every at-risk account within a week of it being flagged, as raised in every 1:1 since March; the team lead sends you the flagged list each Monday.",
                },
                ManagerTexts {
                    goals: "Did not meet most goals: retention, onboarding times and QBR coverage all fell short, even after the book was reduced to 40 accounts in May.",
                    values_shown: "Has accepted feedback openly and kept working with the team.",
                    strengths: "Careful, friendly written replies to customers.",
                    development: "- Reach the onboarding and QBR targets for the reduced book agreed in May; I will set each month's targets with you in our 1:1s.\n- Update account health in the CRM weekly, the practice we agreed in June; customer operations will remind you each Thursday.",
                },
            ],
        ],
    },
    DepartmentTexts {
        slug: "people",
        selves: [
            SelfTexts {
                accomplishments: "Rebuilt our hiring pipeline in the spring: time to hire fell from 52 days to 34 and offer acceptance rose to 88%. Trained 40 interviewers in structured interviewing by July.",
                shortfalls: "I launched the new interview scorecards without enough notice, and two teams kept using the old ones for a month. I now pilot changes with one team and announce them a fortnight ahead.",
                feedback_acted_on: "My manager said hiring managers found my updates hard to act on. I now send each of them a weekly list of candidates waiting on their decision.",
                next_focus: "Making hiring fairer with better data on where candidates drop out.",
                support_needed: "Reporting access in the applicant tracking system, and a small budget for job boards that reach under-represented groups.",
            },
            SelfTexts {
                accomplishments: "Redesigned the onboarding programme in March; new joiners now rate their first month 4.5 out of 5, up from 3.6, and 90-day attrition fell from 8% to 3%.",
                shortfalls: "I built the programme around head office and remote joiners felt left out. In September I added a remote cohort with its own buddy scheme.",
                feedback_acted_on: "A manager told me the onboarding materials were too long. I cut the first-week reading by half and replaced the rest with short videos.",
                next_focus: "Extending onboarding to people who are new to managing a team.",
                support_needed: "Time from two experienced managers to co-design the new-manager sessions.",
            },
            SelfTexts {
                accomplishments: "Ran the engagement survey in May with an 86% response rate, our highest yet, and helped every team agree two actions from it. Scores on growth and recognition were up 9 points by the November pulse.",
                shortfalls: "I shared the survey results too slowly, and some teams saw them six weeks late. Results now reach managers within ten days, with a short guide for the team conversation.",
                feedback_acted_on: "Leaders said the survey reports were full of charts but told no story. I now open each report with three findings and one suggested action.",
                next_focus: "Helping managers act on survey results between surveys.",
                support_needed: "Executive sponsorship for the survey actions, and a tool with better team-level reporting.",
            },
            SelfTexts {
                accomplishments: "Rolled out the new parental leave and flexible working policies in June, with all 60 managers briefed beforehand. Handled 14 employee relations cases this year, all closed within our 30-day target.",
                shortfalls: "The first draft of the flexible working policy missed how it would work for customer-facing shifts. I now review every draft with a manager from each function before it goes out.",
                feedback_acted_on: "I was told my policy documents read like legal contracts. I now add a plain-language summary and examples at the top of each one.",
                next_focus: "Helping build a clear and fair promotion process.",
                support_needed: "Legal review time booked in advance for each policy change.",
            },
        ],
        peers: [
            PeerTexts {
                keep_doing: "Makes hiring managers' lives easier; the weekly list of waiting candidates cut my team's feedback time from a week to two days.",
                do_differently: "Share hiring data by team each month so managers can see where their own process slows down.",
                values_shown: "Fair and consistent, holding every team to the same interview standard, leadership included.",
            },
            PeerTexts {
                keep_doing: "Thinks about the joiner's experience in detail; my new hire in October said it was the best-organised first week they had ever had.",
                do_differently: "Ask managers for input before changing the programme, not only after the pilot.",
                values_shown: "Warm and welcoming to everyone, whatever their team or location.",
            },
            PeerTexts {
                keep_doing: "Turns survey results into action; the team conversation guide from May helped me run my first honest discussion about workload.",
                do_differently: "Follow up with managers a month after the survey to check that the actions they agreed are actually happening.",
                values_shown: "Shows candour by taking hard survey findings to leadership without softening them.",
            },
            PeerTexts {
                keep_doing: "Handles sensitive cases with great care; when someone in my team needed support in the summer, the process was clear and kind.",
                do_differently: "Publish a short FAQ with each new policy so managers do not all ask the same questions.",
                values_shown: "Trustworthy with confidential matters, and respected across the company for it.",
            },
        ],
        managers: [
            // Exceptional
            [
                ManagerTexts {
                    goals: "Exceeded every goal markedly: time to hire fell from 52 days to 34 against a target of 45, and 40 interviewers were trained by July.",
                    values_shown: "Champions fairness, and brought structured interviews to every team including leadership.",
                    strengths: "Process design, data-driven hiring, and strong partnerships with managers.",
                    development: "- Share the hiring approach with the executive team through a quarterly review; I will sponsor the first session.",
                },
                ManagerTexts {
                    goals: "Went well beyond the goals: 90-day attrition fell from 8% to 3% and onboarding ratings rose from 3.6 to 4.5 out of 5.",
                    values_shown: "Makes every joiner feel welcome, including those far from head office.",
                    strengths: "Designing programmes around people's real experience.",
                    development: "- Lead the new-manager programme next cycle; I will secure time from two senior managers and a budget for external content.",
                },
            ],
            // Strong
            [
                ManagerTexts {
                    goals: "Met all goals, exceeding two of them: the engagement survey reached an 86% response rate, and growth scores rose 9 points by November.",
                    values_shown: "Candid with leadership about hard findings, and kind in how they are shared.",
                    strengths: "Clear analysis and practical guidance for managers.",
                    development: "- Check on survey actions a month after each survey; we will build that follow-up into the survey calendar together.",
                },
                ManagerTexts {
                    goals: "Met every goal and went further on policy, rolling out both the parental leave and flexible working policies in June with no open questions after launch.",
                    values_shown: "Trustworthy and discreet with sensitive cases.",
                    strengths: "Employee relations, clear policy writing, and calm judgement.",
                    development: "- Review each policy draft with a manager from every function before release; I will help set up a standing review group.",
                },
            ],
            // Meets Expectations
            [
                ManagerTexts {
                    goals: "Met the agreed goals solidly: the onboarding refresh shipped in March, and every employee relations case closed inside the 30-day target.",
                    values_shown: "Approachable and consistent, so managers know what to expect.",
                    strengths: "Organised, dependable programme delivery.",
                    development: "- Bring data such as attrition by team to conversations with leaders; I will get you access to the reporting tools and review the first analysis together.",
                },
                ManagerTexts {
                    goals: "Delivered this cycle's goals as planned: the benefits renewal was completed on time in October and the hiring pipeline kept pace with the plan.",
                    values_shown: "Respectful and helpful to everyone who comes to the People team.",
                    strengths: "Careful administration and clear answers to employee questions.",
                    development: "- Pilot changes with one team before rolling them out company-wide; I will help choose the pilot teams for the next two changes.",
                },
            ],
            // Developing
            [
                ManagerTexts {
                    goals: "Met some goals: the interview training ran, but time to hire stayed above 50 days and the hiring dashboard was not delivered.",
                    values_shown: "Friendly and supportive with managers and candidates.",
                    strengths: "A good candidate experience and warm communication.",
                    development: "- Send hiring managers a weekly list of candidates waiting on them, as we agreed in our 1:1s since March; I review the list with you each Monday.\n- Deliver the hiring dashboard by the date we wrote down in April; the data analyst will pair with you for a day each week.",
                },
                ManagerTexts {
                    goals: "Met two of four goals: the policy handbook and the benefits communications were completed, while the survey follow-up and the manager training did not happen.",
                    values_shown: "Kind and discreet with employees who need help.",
                    strengths: "Clear writing for employee communications.",
                    development: "- Run the survey follow-up with each department, as agreed in our May 1:1; I will join the first two sessions.\n- Deliver the manager training by the dates we set in June; a senior People partner will co-design the content with you.",
                },
            ],
            // Below Expectations
            [
                ManagerTexts {
                    goals: "Missed most goals even with the support plan we agreed in April: the onboarding programme was not updated and several employee relations cases went past the 30-day target.",
                    values_shown: "Respectful with colleagues throughout a difficult cycle.",
                    strengths: "Good knowledge of our employment policies.",
                    development: "- Close each employee relations case within 30 days, as set out in the written plan from April, which still stands; we review open cases together every Friday.\n- Update the onboarding materials by the milestones raised in every 1:1 since March; a People partner is available to review drafts each week.",
                },
                ManagerTexts {
                    goals: "Did not meet most goals: the hiring pipeline, the survey analysis and the policy updates all fell short, even after the scope was narrowed in May.",
                    values_shown: "Has stayed open to feedback and kept working in good faith.",
                    strengths: "Attentive, friendly support for new joiners on their first day.",
                    development: "- Deliver the narrowed scope agreed in May, one piece of work every two weeks; I will agree each piece with you in our 1:1s.\n- Keep the applicant tracking system up to date daily, the practice we agreed in June; the recruiting coordinator will flag gaps each week.",
                },
            ],
        ],
    },
    DepartmentTexts {
        slug: "finance",
        selves: [
            SelfTexts {
                accomplishments: "Cut the month-end close from 9 working days to 5 by June by automating bank reconciliations and moving accruals earlier. Every close since July has been on time.",
                shortfalls: "I changed the close calendar in April without walking the other teams through it, and two late expense submissions held us up. I now brief budget holders before any calendar change.",
                feedback_acted_on: "My manager said my close notes assumed too much accounting knowledge. I now write a plain summary for leaders with the three numbers that moved and why.",
                next_focus: "Getting the close down to 4 days.",
                support_needed: "Engineering time to connect the billing system directly to the ledger.",
            },
            SelfTexts {
                accomplishments: "Led the external audit in March and April with no material findings and two fewer management points than the year before. Built the fixed-asset register the auditors had asked for.",
                shortfalls: "I left the audit evidence requests until fieldwork began, which made the first week frantic. This time I started a shared evidence folder in January.",
                feedback_acted_on: "The auditors said our documentation of judgements was thin. I now write a short memo for every significant estimate at the time we make it.",
                next_focus: "A faster audit with fewer evidence requests.",
                support_needed: "A second person trained on the audit process, so it does not depend on me.",
            },
            SelfTexts {
                accomplishments: "Built the new forecasting model in May, linking hiring plans to costs by department; the forecast has been within 3% of actuals in every quarter since. Ran the budget process for all seven departments in October.",
                shortfalls: "The first version of the model was too complex for budget holders to update, and two of them stopped using it. In August I simplified the inputs to one sheet per department.",
                feedback_acted_on: "Department heads said budget meetings felt like audits. I now start each one by asking what they want to achieve and then show the numbers.",
                next_focus: "Scenario planning for the board.",
                support_needed: "Earlier access to the monthly hiring plan from the People team.",
            },
            SelfTexts {
                accomplishments: "Reported budget variance to every department head monthly from February and explained every variance over 5%. Found 140k a year in unused software subscriptions in September and cancelled them.",
                shortfalls: "My variance reports went out late in the first quarter because I rebuilt them by hand each month. I automated the report in May and it now goes out on the third working day.",
                feedback_acted_on: "A department head said my reports showed what happened but not what to do. I now add one suggested action for each large variance.",
                next_focus: "Partnering more closely with sales and marketing on their spend.",
                support_needed: "A better reporting tool, and a monthly slot in the leadership meeting.",
            },
        ],
        peers: [
            PeerTexts {
                keep_doing: "Makes the close predictable; with the new close calendar I know exactly what is due from my team and when.",
                do_differently: "Explain process changes to budget holders in a short meeting instead of only by email.",
                values_shown: "Rigorous and honest, flagging problems in the numbers as soon as they find them.",
            },
            PeerTexts {
                keep_doing: "Turns numbers into decisions; the variance note in September showed us where to cut without hurting hiring.",
                do_differently: "Send budget packs a few days before the meeting so department heads arrive with their questions ready.",
                values_shown: "Helpful to non-finance colleagues, and never makes anyone feel foolish for asking.",
            },
            PeerTexts {
                keep_doing: "Stays calm under deadline pressure; during audit fieldwork in April they answered every request within a day.",
                do_differently: "Document the key spreadsheets so someone else can run them when they are away.",
                values_shown: "Acts with integrity, including when the right answer is an unwelcome one.",
            },
            PeerTexts {
                keep_doing: "Builds tools others can use; the one-sheet budget template from August turned my department's forecast from a day's work into an hour's.",
                do_differently: "Join the sales pipeline review once a month to understand the revenue forecast from the inside.",
                values_shown: "Careful with company money, as if it were their own.",
            },
        ],
        managers: [
            // Exceptional
            [
                ManagerTexts {
                    goals: "Exceeded every goal markedly: the month-end close fell from 9 working days to 5 against a target of 7, and every close since July has been on time.",
                    values_shown: "Owns the whole process, including the parts that depend on other teams.",
                    strengths: "Process improvement, automation, and clear reporting to leadership.",
                    development: "- Train a second person on the close automation so it does not rely on one person; I will free up time in the team for the handover.",
                },
                ManagerTexts {
                    goals: "Went well beyond the goals: the forecasting model has been within 3% of actuals every quarter, and the budget process for all departments ran on time in October.",
                    values_shown: "Builds trust with department heads by making finance approachable.",
                    strengths: "Financial modelling and partnership with budget holders.",
                    development: "- Present the forecast to the board with me next cycle; I will prepare the first session with you and share the board's feedback afterwards.",
                },
            ],
            // Strong
            [
                ManagerTexts {
                    goals: "Hit every goal and exceeded two: the audit closed with no material findings, and the fixed-asset register was completed ahead of fieldwork.",
                    values_shown: "Acts with integrity and documents every judgement clearly.",
                    strengths: "Audit preparation, technical accounting, and careful documentation.",
                    development: "- Start collecting audit evidence in January so fieldwork runs smoothly; we will agree the evidence list together in December.",
                },
                ManagerTexts {
                    goals: "Met every goal and went further on savings, finding 140k a year in unused software subscriptions in September.",
                    values_shown: "Careful with company money and practical in how savings are made.",
                    strengths: "Variance analysis and clear, actionable reporting.",
                    development: "- Add a suggested action to every large variance in the monthly report; I will review the first two reports with you.",
                },
            ],
            // Meets Expectations
            [
                ManagerTexts {
                    goals: "Met the agreed goals in full: payables and receivables stayed current, and every close was completed within the 7-day target.",
                    values_shown: "Dependable and accurate, so colleagues trust the numbers.",
                    strengths: "Reliable reconciliations and tidy records.",
                    development: "- Take ownership of one process improvement next cycle, such as expense approvals; I will help scope it and review progress monthly.",
                },
                ManagerTexts {
                    goals: "Delivered the cycle's goals: the monthly variance reports went out on time and the budget templates were updated for October.",
                    values_shown: "Patient and helpful with budget holders who are new to the process.",
                    strengths: "Clear spreadsheets and steady delivery.",
                    development: "- Explain process changes to budget holders in short briefings rather than by email alone; I will give you time in the next leadership meeting.",
                },
            ],
            // Developing
            [
                ManagerTexts {
                    goals: "Met some goals: the bank reconciliations were automated, but the close ran two days over target in four months and the accrual review was not finished.",
                    values_shown: "Friendly and willing to help colleagues with finance questions.",
                    strengths: "A good understanding of our billing system and revenue data.",
                    development: "- Complete your close tasks by day 3, as we agreed in our 1:1s since March; we go through the close checklist together after each month-end.\n- Finish the accrual review by the date we wrote down in April; the financial controller will pair with you for two hours each week.",
                },
                ManagerTexts {
                    goals: "Met two of four goals: supplier payments and the expense policy update were delivered, while the forecasting improvements and the variance commentary fell short.",
                    values_shown: "Honest about mistakes once they are found.",
                    strengths: "Accurate data entry and careful checks of supplier invoices.",
                    development: "- Send the variance commentary by the fifth working day, as agreed in our May 1:1; I review each draft with you before it goes out.\n- Document the forecasting workbook, the expectation we set in June; a senior analyst will walk through it with you weekly.",
                },
            ],
            // Below Expectations
            [
                ManagerTexts {
                    goals: "Missed most goals, despite the support plan put in place in April: several closes ran late, and the reconciliations and audit evidence were incomplete.",
                    values_shown: "Polite and cooperative with colleagues across the cycle.",
                    strengths: "Good knowledge of our historical accounts.",
                    development: "- Complete the reconciliations by the dates in the written plan from April, which still stand; we go through them together every Friday.\n- Raise problems in the numbers the day they appear, as discussed in every 1:1 since March; the financial controller is available daily for questions.",
                },
                ManagerTexts {
                    goals: "Did not meet most goals: the payables backlog, the budget templates and the cost reporting were all incomplete, even after the scope was reduced in May.",
                    values_shown: "Has taken feedback openly and without defensiveness.",
                    strengths: "Careful work on well-defined, routine tasks.",
                    development: "- Deliver the reduced scope agreed in May, one task every two weeks; I will set each task with you in our 1:1s.\n- Clear the payables backlog by the weekly targets we agreed in June; a senior accountant will check progress with you each Wednesday.",
                },
            ],
        ],
    },
];

/// The texts for leadership and any department without its own set: company-wide themes.
pub static GENERAL: DepartmentTexts = DepartmentTexts {
    slug: "",
    selves: [
        SelfTexts {
            accomplishments: "Set the company's three priorities for the year in January and tied every department's goals to them; we had met two of the three by October. Hired two new department heads, both in post by June.",
            shortfalls: "I kept too many decisions with me in the first half and slowed the leadership team down. Since July each department head owns budget and hiring decisions within an agreed limit.",
            feedback_acted_on: "The leadership team told me my all-hands updates were too upbeat. I now share what went badly alongside what went well, and the number of questions at the all-hands has doubled.",
            next_focus: "Building a leadership team that runs well without me in every meeting.",
            support_needed: "An external coach, and candid feedback from the board each quarter.",
        },
        SelfTexts {
            accomplishments: "Led the company-wide planning process in the autumn, bringing every department's plan onto one page by November. Cut the number of company-wide initiatives from 14 to 6.",
            shortfalls: "I did not explain the reasons for the March reorganisation clearly, and the engagement survey showed it. I now write the reasoning down before announcing any change.",
            feedback_acted_on: "Department heads said planning meetings ran too long. I now send the decisions needed a week ahead, and we keep each meeting to an hour.",
            next_focus: "Clear goals for every team, linked to the company plan.",
            support_needed: "Analyst time each month to track goals across departments.",
        },
        SelfTexts {
            accomplishments: "Ran the office move in September with no lost working days, and agreed hybrid working principles with every department. Launched a monthly open Q&A that about 70% of the company now joins.",
            shortfalls: "I underestimated how unsettling the office move would be for some people and answered their concerns late. I now hold listening sessions before any big change, not after it.",
            feedback_acted_on: "I was told I was hard to reach. I added two open office hours a week, and people now use them for ideas as well as problems.",
            next_focus: "Stronger collaboration between departments.",
            support_needed: "Time in the monthly leadership meeting for cross-team topics.",
        },
        SelfTexts {
            accomplishments: "Represented the company at 6 industry events and secured two strategic partnerships in the second half. Mentored three managers through their first year of leading a team.",
            shortfalls: "I spent so much time outside the company in the spring that internal decisions waited on me. I now hand external meetings to whoever is better placed.",
            feedback_acted_on: "Peers said I rarely gave clear feedback to my direct reports. I now end each 1:1 with one thing to keep and one thing to change.",
            next_focus: "Developing the next line of leaders.",
            support_needed: "A succession plan for my role, agreed with the leadership team.",
        },
    ],
    peers: [
        PeerTexts {
            keep_doing: "Explains the company's direction so everyone can see their part in it; the January all-hands linked every department's plan to the three priorities.",
            do_differently: "Give department heads more room to decide within their budgets before stepping in.",
            values_shown: "Open about what is not working, which makes it safe for others to be open too.",
        },
        PeerTexts {
            keep_doing: "Brings people together across departments; the joint planning sessions in the autumn ended months of friction between sales and product.",
            do_differently: "Send decision papers ahead of leadership meetings so the time is spent deciding rather than reading.",
            values_shown: "Puts the company's interest ahead of their own area's.",
        },
        PeerTexts {
            keep_doing: "Listens before deciding; the listening sessions before the office move changed the plan in two important ways.",
            do_differently: "Post written answers to the questions left over after each open Q&A.",
            values_shown: "Approachable and respectful, whatever someone's role or seniority.",
        },
        PeerTexts {
            keep_doing: "Develops people; two of the managers they mentored this year now lead their teams with confidence.",
            do_differently: "Give direct reports feedback as things happen rather than saving it for the review.",
            values_shown: "Holds high standards, and holds themselves to them first.",
        },
    ],
    managers: [
        // Exceptional
        [
            ManagerTexts {
                goals: "Exceeded the cycle's goals markedly: two of the three company priorities were met by October, and both new department heads were in post by June.",
                values_shown: "Sets the tone for the company by sharing bad news as openly as good.",
                strengths: "Strategic clarity, hiring strong leaders, and honest communication.",
                development: "- Delegate more decisions to department heads so the team can scale; I will help agree clear decision limits for each of them.",
            },
            ManagerTexts {
                goals: "Went well beyond every goal: company-wide initiatives fell from 14 to 6 and the planning process finished a month early.",
                values_shown: "Builds trust across departments by being fair and consistent.",
                strengths: "Cross-company planning and bringing teams to agreement.",
                development: "- Mentor two emerging leaders next cycle; I will help choose them and set up a quarterly check-in on their progress.",
            },
        ],
        // Strong
        [
            ManagerTexts {
                goals: "Met all goals, with two clearly exceeded: the office move went through in September without lost working days, and the monthly Q&A now reaches most of the company.",
                values_shown: "Listens carefully and changes course when people raise good points.",
                strengths: "Change management and visible, approachable leadership.",
                development: "- Run listening sessions before large changes rather than after them; we will plan the next one together.",
            },
            ManagerTexts {
                goals: "Met every goal and went further on partnerships, securing two strategic partners in the second half.",
                values_shown: "Represents the company with integrity outside it.",
                strengths: "External relationships and developing new managers.",
                development: "- Give direct reports feedback in the moment, not only at review time; we will check on this in our monthly 1:1s.",
            },
        ],
        // Meets Expectations
        [
            ManagerTexts {
                goals: "Met the agreed goals solidly: the department plans were delivered on time and leadership meetings ran to the agreed format.",
                values_shown: "Reliable and fair with colleagues across the company.",
                strengths: "Organised, steady leadership and clear priorities.",
                development: "- Share the reasoning behind decisions in writing before announcing them; I will review the next two announcements with you.",
            },
            ManagerTexts {
                goals: "Delivered the cycle's goals: headcount stayed within plan and the department's objectives were reached by the end of the cycle.",
                values_shown: "Supportive of colleagues in other departments.",
                strengths: "Dependable execution and good judgement on priorities.",
                development: "- Hold open office hours so people can reach you more easily; I will help fit them into the calendar.",
            },
        ],
        // Developing
        [
            ManagerTexts {
                goals: "Met some goals: the hiring plan was delivered, but the department's two main objectives slipped by a quarter and the budget ran 8% over.",
                values_shown: "Open and approachable with their team.",
                strengths: "Good relationships with people across the company.",
                development: "- Report progress on the two main objectives every month, as we agreed in our 1:1s since March; we review them together at each monthly check-in.\n- Keep spending within budget, the expectation we wrote down in April; the finance partner will go through the forecast with you each month.",
            },
            ManagerTexts {
                goals: "Met two of four goals: the team structure and the hiring targets were met, while the planning deadline and the engagement actions were missed.",
                values_shown: "Respectful and calm in difficult discussions.",
                strengths: "Clear thinking about team structure.",
                development: "- Deliver plans by the deadlines agreed in our May 1:1; I will send reminders a week ahead and review drafts with you.\n- Act on the team's engagement survey results, the expectation we set in June; a People partner will help run the team conversation.",
            },
        ],
        // Below Expectations
        [
            ManagerTexts {
                goals: "Fell short on most goals, despite the support plan agreed in April: the department objectives, the budget and the hiring plan were all missed.",
                values_shown: "Courteous with colleagues throughout a hard cycle.",
                strengths: "Long experience and knowledge of the company's history.",
                development: "- Deliver the objectives in the written plan from April, which still stand; we review progress together every Friday.\n- Raise risks to the plan as soon as they appear, as discussed in every 1:1 since March; I am available for a short call any day.",
            },
            ManagerTexts {
                goals: "Did not meet most goals: the planning, cost and team goals were all missed, even after the scope was narrowed in May.",
                values_shown: "Has accepted feedback openly and kept working in good faith.",
                strengths: "Commitment to the team through a difficult period.",
                development: "- Deliver the narrowed scope agreed in May, one outcome a month; I will agree each outcome with you in our 1:1s.\n- Share a written weekly update with the leadership team, the practice we agreed in June; the chief of staff will help set up the format.",
            },
        ],
    ],
};

/// The texts for a department's slug (the general set for any other).
pub fn for_department(slug: &str) -> &'static DepartmentTexts {
    DEPARTMENTS.iter().find(|d| d.slug == slug).unwrap_or(&GENERAL)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn every_set() -> impl Iterator<Item = &'static DepartmentTexts> {
        DEPARTMENTS.iter().chain(std::iter::once(&GENERAL))
    }

    fn texts_of(d: &'static DepartmentTexts) -> Vec<&'static str> {
        let mut texts = Vec::new();
        for s in &d.selves {
            texts.extend([
                s.accomplishments,
                s.shortfalls,
                s.feedback_acted_on,
                s.next_focus,
                s.support_needed,
            ]);
        }
        for p in &d.peers {
            texts.extend([p.keep_doing, p.do_differently, p.values_shown]);
        }
        for m in d.managers.iter().flatten() {
            texts.extend([m.goals, m.values_shown, m.strengths, m.development]);
        }
        texts
    }

    #[test]
    fn no_text_repeats_across_people_or_departments() {
        let all: Vec<&'static str> = every_set().flat_map(texts_of).collect();
        assert_eq!(all.len(), 8 * (4 * 5 + 4 * 3 + 5 * 2 * 4));
        let mut seen = HashSet::new();
        for text in &all {
            assert!(!text.trim().is_empty(), "an empty text");
            assert!(seen.insert(*text), "repeated text: {text}");
        }
    }

    #[test]
    fn development_points_follow_the_rating() {
        for d in every_set() {
            for (rating, pair) in d.managers.iter().enumerate() {
                let expected = if rating <= 2 { 1 } else { 2 };
                for m in pair {
                    let points: Vec<&str> = m.development.lines().collect();
                    assert_eq!(
                        points.len(),
                        expected,
                        "department {:?}, rating {rating}: {:?}",
                        d.slug,
                        m.development
                    );
                    assert!(
                        points.iter().all(|p| p.starts_with("- ")),
                        "department {:?}, rating {rating}: {:?}",
                        d.slug,
                        m.development
                    );
                }
            }
        }
    }

    #[test]
    fn every_department_is_found_by_its_slug() {
        let slugs =
            ["engineering", "product", "design", "sales", "customer-success", "people", "finance"];
        for slug in slugs {
            assert_eq!(DEPARTMENTS.iter().filter(|d| d.slug == slug).count(), 1, "{slug}");
            let found = for_department(slug);
            assert_eq!(found.slug, slug);
            assert!(!std::ptr::eq(found, &GENERAL), "{slug} fell back to the general set");
        }
        assert!(std::ptr::eq(for_department("leadership"), &GENERAL));
        assert!(std::ptr::eq(for_department("no-such-team"), &GENERAL));
    }
}
