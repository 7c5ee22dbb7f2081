"""Common English first names and the gender they usually carry.

A small table of our own (not a library): ``gender-guesser`` would cover more names,
but it is GPLv3 with a GFDL data file, which this MIT project cannot simply depend on and
ship. A name missing here has no gender, and a pronoun may then go to it either way;
names given to both sexes (Robin, Leslie, Jordan…) are left out on purpose, since a
wrong gender misleads more than none.
"""

from __future__ import annotations

_MALE_NAMES = """
    aaron abraham adam adrian ahmad ahmed alan albert alec alex alexander alfonso
    alfred ali allen alvin andre andrew andy angus anthony antonio arnold arthur
    austin barack barney barry ben benjamin bennett benny bernard bernie bert bibi
    bill billy bob bobby boris brad bradford bradley brandon brent bret brett brian
    bruce bruno bryan bryce byron calvin cameron carl carlos carlton cecil chad
    charles charlie chester chris christopher chuck clarence clark claude clay cliff
    clifford clint clyde cody cole colin conrad corey cory craig curtis dale dallas
    damon dan daniel dante darrell darren darryl dave david dean dennis derek
    derrick desmond devin dewey dick dirk dmitry dominic don donald donnie doug
    douglas drew duncan dustin dwight earl ed eddie edward ehud eli elijah elliot
    elliott emil emmanuel emmett enrique eric ernest ernesto ernie ethan eugene evan
    ezra felix fernando floyd forrest francis francois frank franklin fred frederick
    garrett gary gavin gene george gerald gerhard gilbert glen glenn gordon grant
    greg gregg gregory gustavo hal hank hans harold harrison harry harvey hassan
    hector helmut henry herb herbert herman homer horace hosni howard hugh hugo ian
    igor ira irving isaac ivan jack jacob jacques jae jair jake james jared jarrod
    jason javier jay jeb jeff jeffery jeffrey jens jeremy jerome jerry jesse jesus
    jim jimmy joaquin joe joel joey john johnny jon jonas jonathan jorge jose joseph
    josh joshua juan julian julius justin karl keith ken kenneth kevin kirk kofi
    kurt kyle lamar lance larry lars lawrence leon leonard leroy lester lewis lloyd
    lonnie lorenzo louis lowell lucas luis luiz luke luther lyndon mahmoud malcolm
    manuel marc marco marcus mario mark marshall martin marvin matt matthew maurice
    max mel melvin micah michael mick miguel mike milo milton mitch mitchell mitt
    mohammed morris mort morton muhammad myles myron narendra nate nathan nathaniel
    neal ned neil nelson newt nicholas nick nigel noah nolan norbert norman olaf
    oliver omar orlando orrin oscar otis owen pablo patrick paul pedro percy perry
    pete peter phil philip pierre preston quentin rafael rahul ralph ramon rand
    randall randy raul ray raymond recep reggie reginald reince reuben rex reyk
    ricardo richard rick ricky rob robert rocco rodney roger roland ron ronald
    ronnie ross roy ruben rudolph rudy rufus russell rusty ryan salvador sam samuel
    saul scott sean sebastian sergei sergio seth shaun sheldon sherman shinzo sid
    sidney simon spencer stan stanley stephen sterling steve steven stuart sylvester
    ted terrence thad theodore thomas tim timothy tobias todd tom tommy tony travis
    trey tristan troy tucker tyler ulysses vernon victor viktor vince vincent
    vladimir wade wallace walt walter ward warren wayne wesley wilbur willard
    william willie wilson winston wolfgang woodrow xavier xi yoshihide zach zachary
    zeke
"""
_FEMALE_NAMES = """
    abigail adele adrienne agnes alexandra alice alicia alison alma alyssa amanda
    amber amelia amy ana andrea angela anita ann anna anne annette antoinette ariana
    arianna ashley astrid audrey autumn barbara beatrice becky belinda bernadette
    bernice beth bethany betsy betty beverly bonnie brandy brenda bridget brittany
    brooke camille candace candice carla carly carmen carol caroline carolyn carrie
    cassandra catherine cathy cecilia celeste charlotte cheryl chloe christina
    christine christy cindy claire clara claudia colleen condoleezza constance cora
    courtney crystal cynthia daisy danielle darlene debbie deborah debra delores
    denise diana diane dolores dominique donna dora doris dorothy dottie edith edna
    eileen elaine eleanor elena elisa elise eliza elizabeth ella ellen eloise elsie
    emilia emily emma erica erika erin esther ethel eugenia eva evelyn faith felicia
    fiona florence frances francine gabriela gabrielle gail georgia geraldine gina
    ginger giorgia gloria greta gretchen gwen hannah harriet hazel heather heidi
    helen henrietta hilary hilda hillary holly hope huma ida ilse imogen inez ingrid
    irene iris irma isabel isabella ivanka jacinda jackie jacqueline jade jane
    janelle janet janice janine jasmine jeanette jeanine jeanne jenna jennifer jenny
    jessica jessie jill joan joanna joanne jocelyn jodi jolene josephine joy joyce
    juanita judith judy julia julie kara karen karla kate katherine kathleen kathryn
    kathy katie katrina kay kayla kayleigh kellyanne kelsey kendra kimberly kirsten
    kristen kristi kristin kristina kristine kristy lara latoya laura lauren laurie
    leah leila lena leticia lillian lily linda lindsay lisa liz lois lola lorena
    loretta lori lorna lorraine louise lucia lucille lucinda lucy lydia lynn mabel
    mackenzie madeleine madison mae maggie mandy marcia marcy margaret margarita
    maria marian marie marilyn marina marine marisa marjorie marla marlene marsha
    martha mary maureen maxine maya megan meghan melania melissa mercedes meredith
    mette mia michele michelle mildred millie miranda misty molly monica muriel myra
    nadia nadine nancy nanette naomi natalie nell nellie nicole nikki nina nora
    noreen norma olga olivia opal paige pamela patricia patsy patty paula pauline
    pearl peggy penelope penny phyllis priscilla rachael rachel ramona rebecca
    regina renee rhonda rita roberta rochelle rosa rosalind rosalyn rose rosemary
    rosie roxanne ruby ruth sabrina sadie sally samantha sandra sanna sara sarah
    selena serena sharon sheila shelby sherry sheryl shirley sigrid sonia sonya
    sophia sophie stacey stacy stella stephanie sue susan susanna suzanne sylvia
    tabitha tamara tammy tanya tara tasha teresa terri thelma theresa tiffany tina
    tonya tracey tricia trisha trudy ursula valentina valerie vanessa vera veronica
    vicki victoria viola violet virginia vivian wanda wendy whitney wilma yolanda
    yvette yvonne zelda zoe
"""
MALE = frozenset(_MALE_NAMES.split())
FEMALE = frozenset(_FEMALE_NAMES.split())


def gender_of_first_name(word: str) -> str | None:
    """ "m" or "f" for a common first name, else ``None``."""
    key = word.strip(".,’'").lower()
    if key in MALE:
        return "m"
    if key in FEMALE:
        return "f"
    return None
