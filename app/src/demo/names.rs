//! Word lists for the demo company. Names are drawn from many cultures, as at a real
//! international company.

pub const FIRST_NAMES: &[&str] = &[
    "Aaliyah", "Abdul", "Ada", "Adebayo", "Aiko", "Alejandro", "Alex", "Alice", "Amir", "Ana",
    "Andrea", "Anika", "Arjun", "Ava", "Ben", "Bianca", "Bruno", "Camille", "Carlos", "Chen",
    "Chiara", "Chloe", "Daniel", "Dario", "David", "Deepa", "Diego", "Dmitri", "Ebony", "Eleni",
    "Elif", "Emeka", "Emma", "Erik", "Fatima", "Felix", "Fiona", "Gabriel", "Grace", "Hana",
    "Hannah", "Hassan", "Ines", "Isaac", "Isabel", "Ivan", "Jae", "Jamal", "James", "Javier",
    "Jin", "Joao", "Jonas", "Julia", "Kai", "Kavya", "Kenji", "Kofi", "Lars", "Laura",
    "Leila", "Leo", "Lina", "Lucas", "Luis", "Maja", "Malik", "Marco", "Maria", "Mariam",
    "Mateo", "Mei", "Mia", "Miguel", "Mohammed", "Nadia", "Naomi", "Nia", "Nikhil", "Noah",
    "Olga", "Oliver", "Omar", "Paula", "Pedro", "Quinn", "Rafael", "Rania", "Ravi", "Rosa",
    "Ruth", "Sara", "Sean", "Seo-yeon", "Sofia", "Tariq", "Thandiwe", "Theo", "Valentina", "Yusuf",
];

pub const LAST_NAMES: &[&str] = &[
    "Abara", "Adeyemi", "Ahmed", "Alvarez", "Andersen", "Bauer", "Bergstrom", "Bianchi", "Brennan", "Campbell",
    "Chen", "Costa", "Dubois", "Duarte", "Edwards", "Eriksson", "Fernandes", "Fischer", "Fraser", "Garcia",
    "Gonzalez", "Gupta", "Haddad", "Hansen", "Hayashi", "Hughes", "Ibrahim", "Ivanova", "Jansen", "Jensen",
    "Kaur", "Khan", "Kim", "Kowalski", "Kruger", "Larsen", "Lee", "Lopez", "Mahlangu", "Martin",
    "Mendes", "Mensah", "Moreau", "Murphy", "Nakamura", "Nguyen", "Novak", "Nowak", "Obi", "O'Brien",
    "Ogunleye", "Oliveira", "Osei", "Park", "Patel", "Pereira", "Petrov", "Quint", "Rahman", "Reyes",
    "Rossi", "Russo", "Saito", "Santos", "Schmidt", "Shah", "Silva", "Singh", "Sokolov", "Suzuki",
    "Tanaka", "Taylor", "Thompson", "Torres", "Tran", "Usman", "Van Dijk", "Varga", "Vasquez", "Wagner",
    "Walker", "Wang", "Watanabe", "Weber", "Williams", "Wilson", "Wong", "Yamamoto", "Yilmaz", "Zhang",
];

pub const LOCATIONS: &[&str] = &["London", "Berlin", "Lisbon", "New York", "Toronto", "Remote (Europe)", "Remote (Americas)"];

pub const DEPARTURE_REASONS: &[&str] = &[
    "Resigned: a new opportunity elsewhere",
    "Resigned: relocating",
    "Resigned: career change",
    "Resigned: further study",
    "Role eliminated in a restructure",
    "End of fixed-term contract",
];

/// (department name, share of the company, IC role, manager title, director area, head title)
pub struct DepartmentSpec {
    pub name: &'static str,
    pub share: f64,
    pub ic_role: &'static str,
    pub manager_title: &'static str,
    pub area: &'static str,
    pub head_title: &'static str,
    pub teams: &'static [&'static str],
}

pub const DEPARTMENTS: &[DepartmentSpec] = &[
    DepartmentSpec {
        name: "Engineering", share: 0.42, ic_role: "Software Engineer", manager_title: "Engineering Manager",
        area: "Engineering", head_title: "Chief Technology Officer",
        teams: &["Payments", "Platform", "Mobile", "Identity", "Data", "Search", "Reliability", "Developer Experience", "Growth", "Integrations", "Security", "Billing", "Notifications", "Infrastructure", "Insights", "Core API"],
    },
    DepartmentSpec {
        name: "Product", share: 0.08, ic_role: "Product Manager", manager_title: "Group Product Manager",
        area: "Product", head_title: "VP of Product",
        teams: &["Core Product", "Growth Product", "Platform Product", "Product Operations"],
    },
    DepartmentSpec {
        name: "Design", share: 0.06, ic_role: "Product Designer", manager_title: "Design Manager",
        area: "Design", head_title: "Head of Design",
        teams: &["Product Design", "Design Systems", "Research", "Brand"],
    },
    DepartmentSpec {
        name: "Sales", share: 0.17, ic_role: "Account Executive", manager_title: "Sales Manager",
        area: "Sales", head_title: "VP of Sales",
        teams: &["Enterprise EMEA", "Enterprise Americas", "Mid-Market", "Sales Development", "Partnerships", "Public Sector"],
    },
    DepartmentSpec {
        name: "Customer Success", share: 0.13, ic_role: "Customer Success Manager", manager_title: "Customer Success Lead",
        area: "Customer Success", head_title: "VP of Customer Success",
        teams: &["Onboarding", "Support", "Strategic Accounts", "Renewals", "Customer Education"],
    },
    DepartmentSpec {
        name: "People", share: 0.06, ic_role: "People Partner", manager_title: "People Operations Manager",
        area: "People", head_title: "Chief People Officer",
        teams: &["People Partners", "Talent Acquisition", "People Operations", "Learning and Development"],
    },
    DepartmentSpec {
        name: "Finance", share: 0.05, ic_role: "Financial Analyst", manager_title: "Finance Manager",
        area: "Finance", head_title: "Chief Financial Officer",
        teams: &["Financial Planning", "Accounting", "Procurement", "Legal and Compliance"],
    },
];
