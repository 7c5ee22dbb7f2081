"""Common English first names and the gender they usually carry.

A small table of our own (not a library): ``gender-guesser`` would cover more names,
but it is GPLv3 with a GFDL data file, which this MIT project cannot simply depend on and
ship. A name missing here has no gender, and a pronoun may then go to it either way;
names given to both sexes (Robin, Leslie, Jordan…) are left out on purpose, since a
wrong gender misleads more than none.
"""

from __future__ import annotations

_MALE_NAMES = """
    aaron abraham adam adrian ahmed alan albert alex alexander alfred ali allen alvin
    andre andrew andy angus anthony antonio arnold arthur austin barack barry ben
    benjamin bennett bernard bernie bert bibi bill billy bob bobby boris brad bradford
    bradley brandon brent brett brian bruce bruno bryan bryce byron calvin cameron carl
    carlos carlton cecil chad charles charlie chester chris christopher chuck clarence
    clark claude clay clifford clint clyde cody cole colin conrad corey cory craig
    curtis dale dallas damon dan daniel darrell darren darryl dave david dean dennis
    derek derrick desmond devin dick dmitry dominic don donald donnie doug douglas drew
    duncan dustin dwight earl ed eddie edward ehud eli elijah elliot emmanuel emmett
    enrique eric ernest ernesto ethan eugene evan felix fernando floyd forrest francis
    francois frank franklin fred frederick garrett gary gavin gene george gerald gerhard
    gilbert glen glenn gordon grant greg gregory gustavo hank hans harold harry harvey
    hassan hector helmut henry herbert herman homer horace hosni howard hugh hugo ian
    igor irving isaac ivan jack jacob jacques jae jair jake james jared jarrod jason
    javier jay jeb jeff jeffrey jens jeremy jerome jerry jesse jesus jim jimmy joe joel
    joey john johnny jon jonas jonathan jorge jose joseph josh joshua juan julian julius
    justin karl keith ken kenneth kevin kofi kurt kyle lance larry lars lawrence leon
    leonard leroy lester lewis lloyd lonnie lorenzo louis lowell lucas luis luiz luke
    luther mahmoud malcolm manuel marco marcus mario mark marshall martin marvin matt
    matthew maurice max melvin micah michael miguel mike milton mitch mitchell mitt
    mohammed morris muhammad myron narendra nathan nathaniel neal ned neil nelson newt
    nicholas nick nigel noah norbert norman olaf oliver omar orlando oscar otis owen
    pablo patrick paul pedro percy perry pete peter phil philip pierre preston quentin
    rafael rahul ralph ramon rand randall randy raul ray raymond recep reggie reginald
    reince rex reyk ricardo richard rick ricky rob robert rodney roger roland ron ronald
    ronnie ross roy ruben rudy rufus russell ryan salvador sam samuel saul scott sean
    sebastian sergei sergio seth shaun sherman shinzo sidney simon spencer stanley
    stephen sterling steve steven stuart sylvester ted terrence theodore thomas tim
    timothy tobias todd tom tommy tony travis trey tristan troy tucker tyler ulysses
    vernon victor viktor vince vincent vladimir wade wallace walter ward warren wayne
    wesley wilbur willard william willie wilson winston woodrow xavier xi yoshihide zach
    zachary
"""
_FEMALE_NAMES = """
    abigail adele adrienne agnes alexandra alice alicia alison alma alyssa amanda amber
    amelia amy ana andrea angela anita ann anna anne annette antoinette ashley astrid
    audrey autumn barbara beatrice becky belinda bernadette beth bethany betsy betty
    beverly bonnie brandy brenda bridget brittany brooke camille candace carla carly
    carmen carol caroline carolyn carrie cassandra catherine cathy cecilia celeste
    charlotte cheryl chloe christina christine christy cindy claire clara claudia
    colleen condoleezza constance courtney crystal cynthia daisy danielle darlene debbie
    deborah debra delores denise diana diane dolores dominique donna dora doris dorothy
    dottie edith edna eileen elaine eleanor elena elisa elizabeth ella ellen eloise
    elsie emilia emily emma erica erika erin esther ethel eugenia eva evelyn felicia
    fiona florence frances francine gabriela gabrielle gail geraldine gina ginger
    giorgia gloria greta gwen hannah harriet hazel heather heidi helen henrietta hilda
    hillary holly huma ida ilse imogen inez ingrid irene irma isabel isabella ivanka
    jacinda jackie jacqueline jade jane janelle janet janice janine jasmine jeanette
    jeanne jenna jennifer jenny jessica jessie jill joan joanna joanne jocelyn jodi
    josephine joyce juanita judith judy julia julie kara karen karla kate katherine
    kathleen kathy katie katrina kay kayla kayleigh kellyanne kelsey kendra kimberly
    kirsten kristen kristin kristina kristy lara latoya laura lauren laurie leah leila
    lena lillian lily linda lindsay lisa liz lois lola lorena loretta lori lorraine
    louise lucia lucille lucy lydia lynn mabel mackenzie madeleine madison mae maggie
    mandy marcia margaret margarita maria marian marie marilyn marina marine marisa
    marla marlene marsha martha mary maureen maxine megan meghan melania melissa
    mercedes meredith mette michelle mildred millie miranda misty molly monica muriel
    myra nadia nancy naomi natalie nellie nicole nikki nina nora norma olga olivia opal
    paige pamela patricia patty paula pauline pearl peggy penelope penny phyllis
    priscilla rachael rachel ramona rebecca regina renee rhonda rita roberta rochelle
    rosa rosalind rose rosemary roxanne ruby ruth sabrina sadie sally samantha sandra
    sanna sara sarah serena sharon sheila shelby sherry shirley sigrid sonia sophia
    sophie stacy stella stephanie sue susan susanna suzanne sylvia tabitha tamara tammy
    tanya tara tasha teresa terri thelma theresa tiffany tina tonya tracey trisha ursula
    valentina valerie vanessa vera vicki victoria viola violet virginia vivian wanda
    wendy whitney wilma yolanda yvette yvonne zelda zoe
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
