package loyalty.generator.people;

import java.util.List;

/** Where a person lives: the share of the population, local names and the UTC offset of their shopping hours. */
public enum Country {
    US(0.85, -5,
            List.of("James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
                    "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
                    "Chris", "Karen", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Sandra",
                    "Steven", "Ashley", "Paul", "Emily", "Andrew", "Donna", "Joshua", "Michelle", "Kevin", "Amanda",
                    "Brian", "Melissa", "Jose", "Maria", "Wei", "Priya", "Aisha", "Carlos", "Mei", "Omar"),
            List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
                    "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
                    "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark",
                    "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres",
                    "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Chen",
                    "Patel", "Kim", "O'Brien")),
    GB(0.05, 0,
            List.of("Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Mia", "Charlie", "Ivy",
                    "Noah", "Lily", "Freddie", "Grace", "Alfie", "Sophia", "Arthur", "Rosie", "Leo", "Evie"),
            List.of("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas", "Roberts",
                    "Walker", "Wright", "Thompson", "Hughes", "Edwards", "Green", "Hall", "Wood", "Clarke",
                    "Patel", "Khan")),
    DE(0.05, 1,
            List.of("Lukas", "Mia", "Leon", "Emma", "Finn", "Hannah", "Jonas", "Sophie", "Paul", "Lena",
                    "Felix", "Lea", "Maximilian", "Marie", "Elias", "Anna", "Jürgen", "Jörg", "Lisa", "Katrin"),
            List.of("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
                    "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Braun",
                    "Zimmermann", "Krüger")),
    FR(0.05, 1,
            List.of("Gabriel", "Louise", "Raphaël", "Emma", "Léo", "Jade", "Louis", "Alice", "Lucas", "Chloé",
                    "Adam", "Lina", "Hugo", "Léa", "Jules", "Manon", "Arthur", "Camille", "Nathan", "Zoé"),
            List.of("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
                    "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
                    "Vincent", "Fournier"));

    private final double share;
    private final int utcOffsetHours;
    private final List<String> firstNames;
    private final List<String> lastNames;

    Country(double share, int utcOffsetHours, List<String> firstNames, List<String> lastNames) {
        this.share = share;
        this.utcOffsetHours = utcOffsetHours;
        this.firstNames = firstNames;
        this.lastNames = lastNames;
    }

    public double share() {
        return share;
    }

    /** Offset of local shopping hours (winter time; an hour off in summer is noise the data can carry). */
    public int utcOffsetHours() {
        return utcOffsetHours;
    }

    public List<String> firstNames() {
        return firstNames;
    }

    public List<String> lastNames() {
        return lastNames;
    }

    public String code() {
        return name();
    }
}
